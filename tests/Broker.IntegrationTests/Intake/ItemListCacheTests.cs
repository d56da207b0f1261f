using System.Text.Json.Nodes;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// <c>GET /api/items</c> asked again before anything changed may be answered with the last answer (LiteDB), but never
/// with an answer older than a fresh read: every submission, approval and publication shows at the next request, also
/// while other requests read the list at the same moment; and no caller gets an answer made for another.
/// </summary>
public sealed class ItemListCacheTests
{
    [Fact]
    public async Task A_list_asked_again_shows_every_change_made_since_even_while_others_read_it_at_the_same_moment()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var first = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Pertama");

        var before = await ListAsync(scenario.Api);
        Assert.Equal(before.ToJsonString(), (await ListAsync(scenario.Api)).ToJsonString());
        Assert.Equal("submitted", Find(before, first).Str("status"));

        await scenario.Api.PostExpectAsync($"/api/items/{first}/approve", null, 200);
        var approved = Find(await ListAsync(scenario.Api), first);
        Assert.NotEqual("submitted", approved.Str("status"));
        Assert.Single(approved["deliveries"]!.AsArray());
        await scenario.WaitForItemStatusAsync(first, "published");
        var published = Find(await ListAsync(scenario.Api), first);
        Assert.Equal("published", published.Str("status"));
        Assert.Equal("published", published["deliveries"]![0]!.Str("status"));

        // Twelve submissions while four readers keep reading the list: the first read after the last one shows them all.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                await ListAsync(scenario.Api);
                reads++;
            }

            return reads;
        })).ToList();
        var submitted = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => scenario.SubmitItemAsync("diskominfo", [fb], title: $"Serentak {i}")));
        var after = await ListAsync(scenario.Api);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        Assert.Superset(submitted.Append(first).ToHashSet(), after.Select(i => i!.Str("id")).ToHashSet());
        Assert.Equal(13, after.Count);
#if !ON_POSTGRESQL
        Assert.True(scenario.Broker.Services.GetRequiredService<ItemListCache>().Counts.Hits > 0);
#endif
    }

    [Fact]
    public async Task Each_caller_gets_the_answer_made_for_them_and_the_next_page_link_with_it()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var dinkesFb = await scenario.CreateAccountAsync("dinkes", "facebook", "1000002");
        var central = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Kota");
        var (_, reporterToken) = await scenario.CreateUserAsync("Rudi", "reporter");
        var (_, dinkesToken) = await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes");
        using var reporter = scenario.ClientWith(reporterToken);
        using var dinkes = scenario.ClientWith(dinkesToken);
        var own = (await reporter.PostExpectAsync("/api/items", Submission("diskominfo", fb, "Liputan Rudi"), 201)).Str("id");
        var health = (await dinkes.PostExpectAsync("/api/items", Submission("dinkes", dinkesFb, "Posyandu"), 201)).Str("id");

        for (var round = 0; round < 3; round++)
        {
            Assert.Equal([health, own, central], Ids(await ListAsync(scenario.Api)));
            Assert.Equal([own], Ids(await ListAsync(reporter)));
            Assert.Equal([health], Ids(await ListAsync(dinkes)));
        }

        // A page and its next link, given again, still lead to the rest. (A request is kept from its second time on.)
        for (var round = 0; round < 3; round++)
        {
            using var response = await scenario.Api.GetAsync("/api/items?limit=2");
            response.EnsureSuccessStatusCode();
            Assert.Equal([health, own], Ids(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()));
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var link = response.Headers.GetValues("Link").Single();
            Assert.Equal(response.Headers.GetValues("X-Next-Cursor").Single(), link[(link.IndexOf("cursor=", StringComparison.Ordinal) + 7)..link.IndexOf('>', StringComparison.Ordinal)]);
            var next = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
            Assert.Equal([central], Ids(await ListAsync(scenario.Api, next)));
        }

#if !ON_POSTGRESQL
        Assert.Equal(5, scenario.Broker.Services.GetRequiredService<ItemListCache>().Counts.Hits);
#endif
    }

#if !ON_POSTGRESQL
    [Fact]
    public async Task With_no_bytes_for_it_nothing_is_kept_and_every_request_reads_afresh()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Storage:ItemListCacheBytes"] = "0");
        await scenario.CreateOpdAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001")]);

        Assert.Equal([id], Ids(await ListAsync(scenario.Api)));
        Assert.Equal([id], Ids(await ListAsync(scenario.Api)));

        Assert.Equal((0, 0), scenario.Broker.Services.GetRequiredService<ItemListCache>().Counts);
    }
#endif

    private static async Task<JsonArray> ListAsync(HttpClient client, string path = "/api/items") => (await client.GetJsonAsync(path)).AsArray();

    private static JsonNode Find(JsonArray items, string id) => items.Single(i => i!.Str("id") == id)!;

    private static string[] Ids(JsonArray items) => [.. items.Select(i => i!.Str("id"))];

    private static object Submission(string opd, string account, string title) => new
    {
        opd,
        title,
        body = "Isi berita.",
        link = "https://portal.example.go.id/berita/liputan",
        eventEndedAt = DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        mediaIds = Array.Empty<string>(),
        accountIds = new[] { account },
    };
}
