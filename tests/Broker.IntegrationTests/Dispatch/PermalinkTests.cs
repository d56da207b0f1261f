using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>
/// A permalink from a platform is kept only when it is an absolute https URL; anything else (a <c>javascript:</c> href,
/// plain http, user info, a line break) is dropped with a warning and never rendered as a link. One broker for the class
/// (<see cref="PermalinkWorld"/>): each test publishes its own item, and the sandbox's permalink fault is used up by it.
/// </summary>
public sealed class PermalinkTests(PermalinkTests.PermalinkWorld world) : IClassFixture<PermalinkTests.PermalinkWorld>
{
    private Scenario Scenario => world.Scenario;

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("http://www.facebook.com/1000001/posts/1")]
    [InlineData("https://admin:rahasia@www.facebook.com/1000001/posts/1")]
    [InlineData("https://www.facebook.com/1000001/posts/1\r\nSet-Cookie: a=b")]
    [InlineData("/1000001/posts/1")]
    public async Task A_permalink_that_is_not_https_is_stored_as_null_logged_and_never_rendered_as_a_link(string hostile)
    {
        var facebook = world.Facebook;
        Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Permalink, Permalink: hostile));
        var id = await Scenario.SubmitItemAsync("diskominfo", [facebook], body: $"Berita uji tautan {Guid.NewGuid():N}.");

        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var item = await Scenario.WaitForItemStatusAsync(id, "published");

        var delivery = Assert.Single(item["deliveries"]!.AsArray())!;
        Assert.Null(delivery["permalink"]);
        Assert.False(string.IsNullOrEmpty(delivery.Str("remotePostId")));
        Assert.Contains(Scenario.Broker.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("permalink", StringComparison.Ordinal) && line.Contains(delivery.Str("id"), StringComparison.Ordinal));
        using var editor = await PageSession.SignInAsync(Scenario, BrokerHost.AdminToken);
        var page = await editor.GetAsync($"/konten/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/posts/1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_https_permalink_is_kept_and_rendered_as_a_link()
    {
        var facebook = world.Facebook;
        var id = await Scenario.SubmitItemAsync("diskominfo", [facebook], body: $"Berita uji tautan {Guid.NewGuid():N}.");

        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var item = await Scenario.WaitForItemStatusAsync(id, "published");

        var permalink = Assert.Single(item["deliveries"]!.AsArray())!.Str("permalink");
        Assert.StartsWith("https://www.facebook.com/1000001/posts/", permalink, StringComparison.Ordinal);
        using var editor = await PageSession.SignInAsync(Scenario, BrokerHost.AdminToken);
        Assert.Contains($"href=\"{permalink}\"", await (await editor.GetAsync($"/konten/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A broker and sandbox with Diskominfo's central accounts.</summary>
    public sealed class PermalinkWorld : IAsyncLifetime
    {
        public Scenario Scenario { get; private set; } = null!;

        public string Facebook { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Scenario = await Scenario.StartAsync();
            (Facebook, _, _) = await Scenario.CreateCentralAccountsAsync();
        }

        public async Task DisposeAsync() => await Scenario.DisposeAsync();
    }
}
