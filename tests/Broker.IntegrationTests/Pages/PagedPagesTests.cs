#if !ON_POSTGRESQL
using System.Text.RegularExpressions;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Pages.Reviewing;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Pages;

/// <summary>The review queue shows a page at a time, oldest first, with a link to the next page while there is one.</summary>
public sealed partial class PagedPagesTests
{
    [Fact]
    public async Task The_review_queue_shows_the_oldest_page_first_and_links_to_the_rest()
    {
        await using var scenario = await Scenario.StartAsync();
        var items = scenario.Broker.Services.GetRequiredService<IItemStore>();
        var start = TimeProvider.System.GetUtcNow().AddHours(-1);
        var count = ReviewQueueModel.PageSize + 1;
        for (var i = 0; i < count; i++)
        {
            await items.AddAsync(new Item { Id = $"waiting-{i:D3}", Opd = "diskominfo", Title = $"Menunggu {i:D3}", Body = "isi", Status = ItemStatus.Submitted, CreatedAt = start.AddSeconds(i) }, CancellationToken.None);
        }

        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var first = await (await editor.GetAsync("/tinjau")).Content.ReadAsStringAsync();
        var next = NextLink().Match(first);

        Assert.Contains("Menunggu 000", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Menunggu {count - 1:D3}", first, StringComparison.Ordinal);
        Assert.True(next.Success, "the first page links to the next");
        var second = await (await editor.GetAsync(System.Net.WebUtility.HtmlDecode(next.Groups[1].Value))).Content.ReadAsStringAsync();
        Assert.Contains($"Menunggu {count - 1:D3}", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Menunggu 000", second, StringComparison.Ordinal);
        Assert.False(NextLink().IsMatch(second), "the last page links nowhere");
    }

    [GeneratedRegex("href=\"(/tinjau\\?setelah=[^\"]+)\"")]
    private static partial Regex NextLink();
}
#endif
