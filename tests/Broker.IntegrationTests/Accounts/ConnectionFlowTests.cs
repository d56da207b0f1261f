using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.IntegrationTests.Accounts;

/// <summary>Connecting accounts end to end over real HTTP: broker, sandbox consent page, callback, choice, publishing.</summary>
public sealed class ConnectionFlowTests
{
    [Fact]
    public async Task Facebook_login_adds_a_page_and_its_instagram_account_that_publish_with_tokens_no_answer_shows()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);

        var (started, start) = await driver.StartAsync("facebook");
        var authorize = new Uri(start!.Str("authorizeUrl"));
        var redirect = await ConnectionDriver.ConsentAsync(authorize.AbsoluteUri);
        var (_, connection) = await driver.CallbackAsync(redirect);
        var id = start!.Str("id");
        var shown = await driver.GetAsync($"/api/accounts/connections/{id}");
        var (selected, chosen) = await driver.SelectAsync(id, "104857600000001", "17841104857600000001");

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(start!.Str("state"), QueryHelpers.ParseQuery(authorize.Query)["state"]);
        Assert.Equal(new Uri(scenario.Broker.BaseUrl, "oauth/callback/facebook").AbsoluteUri, QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"]);
        Assert.Equal("ready", connection!.Str("status"));
        Assert.Equal(
            ["facebook 104857600000001", "instagram 17841104857600000001", "facebook 104857600000002"],
            shown["candidates"]!.AsArray().Select(c => $"{c!.Str("platform")} {c!.Str("externalId")}"));
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        Assert.Equal("completed", chosen!["connection"]!.Str("status"));
        var accounts = chosen["accounts"]!.AsArray();
        Assert.Equal(["facebook", "instagram"], accounts.Select(a => a!.Str("platform")));
        Assert.All(accounts, a => Assert.Equal(("diskominfo", "active"), (a!.Str("opd"), a!.Str("status"))));

        var photo = await scenario.UploadPhotoAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [.. accounts.Select(a => a!.Str("id"))], [photo]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        var pageToken = TokenSentTo(scenario, "facebook", "/104857600000001/photos");
        Assert.Equal(pageToken, TokenSentTo(scenario, "instagram", "/17841104857600000001/media"));
        await driver.GetAsync("/api/accounts?opd=diskominfo");
        await driver.GetAsync($"/api/accounts/{accounts[0]!.Str("id")}");
        Assert.All(driver.Answers, answer => Assert.DoesNotContain(pageToken, answer, StringComparison.Ordinal));
        Assert.All(driver.Answers, answer => Assert.DoesNotContain("accessToken", answer, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task X_connects_with_pkce_and_publishes_with_its_oauth2_token()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);

        var connection = await driver.ConnectAsync("x");
        var candidate = Assert.Single(connection["candidates"]!.AsArray())!;
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), candidate.Str("externalId"));
        var account = chosen!["accounts"]![0]!.Str("id");
        var item = await scenario.SubmitItemAsync("diskominfo", [account]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        Assert.Equal(("1500000000000000001", "@sandbox_000001"), (candidate.Str("externalId"), candidate.Str("name")));
        var exchange = Assert.Single(scenario.Sandbox.State.RequestsFor("x", "/oauth2/token"));
        Assert.Equal(200, exchange.Status);
        Assert.Contains("code_verifier=", exchange.Body, StringComparison.Ordinal);
        Assert.Equal("oauth2", Assert.Single(scenario.Sandbox.State.RequestsFor("x", "/2/tweets")).Auth);
    }

    [Fact]
    public async Task Connecting_an_account_that_needs_reauthorisation_replaces_its_token_and_resumes_it()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var existing = await scenario.CreateAccountAsync("diskominfo", "facebook", "104857600000001");
        scenario.Sandbox.State.RevokeToken("facebook", "token-104857600000001");
        var item = await scenario.SubmitItemAsync("diskominfo", [existing]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/accounts/{existing}"), a => a!.Str("status") == "needsReauth", "the account to need re-authorisation");
        var driver = new ConnectionDriver(scenario);

        var connection = await driver.ConnectAsync("facebook");
        var offered = connection["candidates"]!.AsArray().Single(c => c!.Str("externalId") == "104857600000001")!;
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "104857600000001");

        Assert.Equal(existing, offered.Str("existingAccountId"));
        Assert.Equal(existing, chosen!["accounts"]![0]!.Str("id"));
        await scenario.WaitForItemStatusAsync(item, "published");
        Assert.Single((await scenario.Api.GetJsonAsync("/api/accounts?opd=diskominfo")).AsArray());
    }

    /// <summary>The access_token the broker sent with its call to <paramref name="path"/>.</summary>
    private static string TokenSentTo(Scenario scenario, string platform, string path)
    {
        var request = scenario.Sandbox.State.RequestsFor(platform, path).First(r => r.Method == "POST");
        return QueryHelpers.ParseQuery(request.Body)["access_token"].ToString();
    }
}
