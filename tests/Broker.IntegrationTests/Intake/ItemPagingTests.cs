using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Intake;

/// <summary><c>GET /api/items</c> answers a page at a time and says in its <c>Link</c> header where the next one is.</summary>
public sealed class ItemPagingTests
{
    [Fact]
    public async Task Following_the_next_links_reads_every_item_once_newest_first_and_the_last_page_has_no_link()
    {
        await using var scenario = await Scenario.StartAsync();
        var items = scenario.Broker.Services.GetRequiredService<IItemStore>();
        var start = TimeProvider.System.GetUtcNow();
        foreach (var i in Enumerable.Range(0, 5))
        {
            await items.AddAsync(Item($"item-{i}", start.AddMinutes(i)), CancellationToken.None);
        }

        var seen = new List<string>();
        var pages = 0;
        for (string? next = "/api/items?status=submitted&limit=2"; next is not null; pages++)
        {
            using var response = await scenario.Api.GetAsync(next);
            response.EnsureSuccessStatusCode();
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            seen.AddRange(body.Select(i => i!.Str("id")));
            next = response.Headers.TryGetValues("Link", out var links) ? Target(links.Single()) : null;
            Assert.Equal(next is not null, response.Headers.Contains("X-Next-Cursor"));
        }

        Assert.Equal(["item-4", "item-3", "item-2", "item-1", "item-0"], seen);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task A_page_size_out_of_range_or_a_forged_cursor_gets_a_400_naming_it(string query, string field)
    {
        await using var scenario = await Scenario.StartAsync();

        using var response = await scenario.Api.GetAsync("/api/items?" + query);

        Assert.Equal(400, (int)response.StatusCode);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    private static string Target(string link) => link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];

    private static Item Item(string id, DateTimeOffset createdAt) => new()
    {
        Id = id,
        Opd = "diskominfo",
        Title = id,
        Body = "isi",
        Status = ItemStatus.Submitted,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };
}
