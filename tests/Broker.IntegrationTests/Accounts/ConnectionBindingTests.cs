using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Accounts;

/// <summary>An OAuth connection is finished only in the browser, and by the person, that started it (no connection fixation).</summary>
public sealed class ConnectionBindingTests
{
    [Fact]
    public async Task A_callback_opened_in_another_browser_is_refused_and_the_starters_own_callback_still_works()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var (_, started) = await driver.StartAsync("x");
        var redirect = await ConnectionDriver.ConsentAsync(started!.Str("authorizeUrl"));
        var callback = redirect.GetLeftPart(UriPartial.Query);

        using var victim = scenario.ClientWith(null);
        var (anonymous, _) = await victim.SendAsync(HttpMethod.Get, callback);
        using var otherEditor = scenario.ClientWith((await scenario.CreateUserAsync("Dewi", "editor")).Token);
        var (signedIn, _) = await otherEditor.SendAsync(HttpMethod.Get, callback);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signedIn.StatusCode);
        var pending = await driver.GetAsync($"/api/accounts/connections/{started!.Str("id")}");
        Assert.Equal("pending", pending.Str("status"));
        Assert.Empty(pending["candidates"]!.AsArray());
        Assert.Empty(scenario.Sandbox.State.RequestsFor("x", "/2/oauth2/token"));

        var (own, connection) = await driver.CallbackAsync(redirect);
        Assert.True(own.StatusCode == HttpStatusCode.OK, $"the starter's callback answered {(int)own.StatusCode}: {connection}");
        Assert.Equal("ready", connection!.Str("status"));
    }

    [Fact]
    public async Task A_refused_callback_in_a_browser_is_a_page_not_json()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var (_, started) = await driver.StartAsync("facebook");
        var redirect = await ConnectionDriver.ConsentAsync(started!.Str("authorizeUrl"));

        using var browser = scenario.ClientWith(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, redirect.GetLeftPart(UriPartial.Query));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("peramban", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_user_cannot_choose_the_accounts_of_a_connection_someone_else_started()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        using var otherEditor = scenario.ClientWith((await scenario.CreateUserAsync("Dewi", "editor")).Token);

        var (response, _) = await otherEditor.PostAsync($"/api/accounts/connections/{connection.Str("id")}/select", new { externalIds = new[] { "1500000000000000001" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/accounts")).AsArray());
        var (own, _) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
