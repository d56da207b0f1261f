using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Feeds;

// Feature-level: runs on LiteDB only (the store contract suite covers the PostgreSQL queries behind it).
#if !ON_POSTGRESQL
/// <summary>Subscriptions through the page: the same checks as the API's, and a broken feed shown as a state with its reason.</summary>
public sealed class FeedPageTests
{
    [Fact]
    public async Task An_opd_admin_subscribes_on_the_page_and_a_feed_that_is_down_shows_as_failing_with_its_reason()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var account = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);

        var refused = await sari.PostFormAsync("/umpan", "/umpan", new() { ["Form.Url"] = "http://169.254.169.254/latest", ["Form.AccountIds"] = account });
        var sent = await sari.PostFormAsync("/umpan", "/umpan", new() { ["Form.Url"] = feed.FeedUrl.ToString(), ["Form.Name"] = "Portal Dinkes", ["Form.AccountIds"] = account });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("169.254.169.254", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var subscription = Assert.Single((await scenario.Api.GetJsonAsync("/api/feeds?opd=dinkes")).AsArray())!;
        Assert.Equal(("dinkes", "Portal Dinkes", "new"), (subscription.Str("opd"), subscription.Str("name"), subscription.Str("state")));

        feed.Document = null;
        var read = await sari.PostFormAsync("/umpan", $"/umpan?handler=Read&id={subscription.Str("id")}", []);
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        var page = await (await sari.GetAsync("/umpan")).Content.ReadAsStringAsync();
        Assert.Contains("Gagal dibaca", page, StringComparison.Ordinal);
        Assert.Contains("answered 503", page, StringComparison.Ordinal);
    }
}
#endif
