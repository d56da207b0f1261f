using System.Net;
using System.Net.Http.Json;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Accounts;

/// <summary>Every way a connection is refused answers a problem a person can act on.</summary>
public sealed class ConnectionErrorTests
{
    [Fact]
    public async Task An_unknown_platform_and_an_unknown_opd_are_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);

        var (platform, platformProblem) = await driver.StartAsync("tiktok");
        var (opd, opdProblem) = await driver.StartAsync("facebook", opd: "dinas-tak-ada");

        Assert.Equal(HttpStatusCode.NotFound, platform.StatusCode);
        Assert.Contains("known platforms: facebook, instagram, x", platformProblem!.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, opd.StatusCode);
        Assert.Contains("dinas-tak-ada", opdProblem!["errors"]!["opd"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_whose_app_is_not_configured_is_refused_naming_the_setting()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Platforms:Instagram:AppSecret"] = "");

        var (response, problem) = await new ConnectionDriver(scenario).StartAsync("instagram");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Platforms:Instagram:AppSecret", problem!.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_with_a_state_the_broker_never_issued_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();

        var (response, problem) = await scenario.Api.SendAsync(HttpMethod.Get, "/oauth/callback/facebook?code=abc&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unknown authorization state", problem!.Str("title"));
    }

    [Fact]
    public async Task A_callback_after_the_state_expired_is_refused_and_its_code_is_never_exchanged()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var (_, start) = await driver.StartAsync("facebook");
        var redirect = await ConnectionDriver.ConsentAsync(start!.Str("authorizeUrl"));
        clock.Advance(TimeSpan.FromMinutes(16));

        var (response, problem) = await driver.CallbackAsync(redirect);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("Authorization state expired", problem!.Str("title"));
        Assert.Empty(scenario.Sandbox.State.RequestsFor("facebook", "/oauth/access_token"));
        Assert.Equal("failed", (await driver.GetAsync($"/api/accounts/connections/{start!.Str("id")}")).Str("status"));
    }

    [Fact]
    public async Task A_declined_consent_ends_the_connection_as_denied()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        using var control = new HttpClient { BaseAddress = scenario.Sandbox.BaseUrl };
        (await control.PostAsJsonAsync("_sandbox/oauth/deny", new { platform = "instagram" })).EnsureSuccessStatusCode();
        var (_, start) = await driver.StartAsync("instagram");

        var (response, problem) = await driver.CallbackAsync(await ConnectionDriver.ConsentAsync(start!.Str("authorizeUrl")));
        var (again, _) = await driver.CallbackAsync(await ConnectionDriver.ConsentAsync(start!.Str("authorizeUrl")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("access_denied", problem!.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var connection = await driver.GetAsync($"/api/accounts/connections/{start!.Str("id")}");
        Assert.Equal("denied", connection.Str("status"));
        var audit = await scenario.Api.GetJsonAsync($"/api/audit?objectId={start!.Str("id")}");
        Assert.Contains(audit.AsArray(), e => e!.Str("action") == "accountConnection.denied");
    }

    [Fact]
    public async Task Choosing_an_account_that_was_not_offered_or_choosing_twice_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("facebook");
        var id = connection.Str("id");

        var (foreign, foreignProblem) = await driver.SelectAsync(id, "999");
        var (first, _) = await driver.SelectAsync(id, "104857600000002");
        var (second, _) = await driver.SelectAsync(id, "104857600000001");

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("999", foreignProblem!["errors"]!["externalIds"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }
}
