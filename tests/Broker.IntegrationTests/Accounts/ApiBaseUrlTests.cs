using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Accounts;

/// <summary>An account's tokens go only to its platform: who may set <c>apiBaseUrl</c>, to what, and what happens to old data.</summary>
public sealed class ApiBaseUrlTests
{
    [Fact]
    public async Task An_opd_admin_who_sends_an_api_base_url_is_refused_with_403_naming_the_field()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        using var admin = scenario.ClientWith((await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);

        foreach (var apiBaseUrl in new[] { scenario.Sandbox.GraphBaseUrl.ToString(), " " })
        {
            var (response, body) = await admin.PostAsync("/api/accounts", Account("dinkes", "facebook", "1000001", apiBaseUrl));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("apiBaseUrl", body!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(("forbidden", "account.apiBaseUrlEditorsOnly"), (body.Str("code"), body["errorCodes"]!["apiBaseUrl"]![0]!.Str("code")));
        }

        Assert.Empty((await scenario.Api.GetJsonAsync("/api/accounts")).AsArray());
    }

    [Fact]
    public async Task An_editors_api_base_url_outside_the_allowed_set_is_refused_with_400_naming_the_field()
    {
        await using var listener = new RecordingListener();
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var graph = scenario.Sandbox.GraphBaseUrl.ToString().TrimEnd('/');
        string[] refused =
        [
            "http://169.254.169.254/",
            listener.BaseUrl.ToString(),
            graph.Replace("http://", "http://user:secret@", StringComparison.Ordinal),
            graph + "/extra",
            graph + "?x=1",
            graph.Replace("http://", "ftp://", StringComparison.Ordinal),
            scenario.Sandbox.XBaseUrl.ToString(),
        ];

        foreach (var apiBaseUrl in refused)
        {
            var (response, body) = await scenario.Api.PostAsync("/api/accounts", Account("diskominfo", "facebook", "1000001", apiBaseUrl));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{apiBaseUrl} answered {(int)response.StatusCode}: {body}");
            Assert.NotNull(body!["errors"]!["apiBaseUrl"]);
            var code = body["errorCodes"]!["apiBaseUrl"]![0]!;
            Assert.Equal(("account.apiBaseUrl", "facebook"), (code.Str("code"), code["arguments"]!.Str("platform")));
            Assert.Contains(graph, code["arguments"]!.Str("allowed"), StringComparison.Ordinal);
        }

        var allowed = await scenario.Api.PostExpectAsync("/api/accounts", Account("diskominfo", "facebook", "1000001", graph + "/"), 201);
        Assert.Equal(graph, allowed.Str("apiBaseUrl"));
        Assert.Empty(listener.Received);
    }

    [Theory]
    [InlineData("facebook")]
    [InlineData("instagram")]
    [InlineData("x")]
    public async Task An_external_id_that_is_not_the_platforms_digits_is_refused_with_400_naming_the_field(string platform)
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var credentials = platform == "x"
            ? (object)new { consumerKey = "ck", consumerSecret = "cs", accessToken = "at", accessTokenSecret = "ats" }
            : new { accessToken = "token" };

        foreach (var externalId in new[] { "../../_sandbox/requests?x=", "..", "12/feed", "12 34", "١٢٣" })
        {
            var (response, body) = await scenario.Api.PostAsync(
                "/api/accounts", new { opd = "diskominfo", platform, name = "Akun", externalId, credentials });

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{externalId} answered {(int)response.StatusCode}: {body}");
            Assert.NotNull(body!["errors"]!["externalId"]);
        }

        Assert.Empty(scenario.Sandbox.State.RequestsFor(platform));
    }

    [Fact]
    public async Task An_account_stored_pointing_at_a_foreign_host_sends_nothing_there_when_publishing_and_says_why()
    {
        await using var listener = new RecordingListener();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var facebook = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var x = await ConnectXAsync(scenario);
        await PointAtAsync(scenario, listener, facebook, x);

        clock.Advance(TimeSpan.FromHours(2)); // the X token is due for refresh: the refresh must not go there either
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook, x]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);

        var ended = await Eventually.WaitAsync(
            () => DeliveriesOfAsync(scenario, item),
            d => d.Count == 2 && d.All(e => e.Str("status") is "failed" or "held"),
            "both deliveries to stop");
        Assert.All(ended, d => Assert.Contains("not allowed", d.Str("error"), StringComparison.Ordinal));
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task An_account_stored_pointing_at_a_foreign_host_sends_nothing_there_when_reconciling()
    {
        await using var listener = new RecordingListener();
        await using var scenario = await Scenario.StartAsync(configure: s => s["Delivery:FirstRetryDelay"] = "00:00:03");
        await scenario.CreateOpdAsync();
        var facebook = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.DropAfterStore, Account: "1000001"));
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await Eventually.WaitAsync(() => DeliveriesOfAsync(scenario, item), d => d.Single().Str("status") == "retrying", "the unknown outcome to wait for reconciliation");

        await PointAtAsync(scenario, listener, facebook);

        await Eventually.WaitAsync(() => DeliveriesOfAsync(scenario, item), d => d.Single().Str("status") is "failed" or "held", "the reconciliation to stop");
        Assert.Empty(listener.Received);
    }

    [Fact]
    public async Task An_account_stored_pointing_at_a_foreign_host_sends_nothing_there_when_its_token_is_refreshed()
    {
        await using var listener = new RecordingListener();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("instagram");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "17841400000000077");
        var instagram = chosen!["accounts"]![0]!.Str("id");
        await PointAtAsync(scenario, listener, instagram);

        clock.Advance(TimeSpan.FromDays(47));

        var account = await Eventually.WaitAsync(
            () => scenario.Api.GetJsonAsync($"/api/accounts/{instagram}"), a => a.Str("status") == "needsReauth", "the periodic check to refuse the account");
        Assert.Contains("not allowed", account.Str("statusReason"), StringComparison.Ordinal);
        Assert.Empty(listener.Received);
        Assert.Empty(scenario.Sandbox.State.RequestsFor("instagram", "/refresh_access_token"));
    }

    [Fact]
    public async Task A_reconnect_never_writes_tokens_into_an_account_whose_base_url_is_not_the_connectors_own()
    {
        await using var listener = new RecordingListener();
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var x = await ConnectXAsync(scenario);
        await PointAtAsync(scenario, listener, x);
        var before = (await scenario.Broker.Services.GetRequiredService<IAccountStore>().GetAsync(x, CancellationToken.None))!.ProtectedCredentials;

        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        var (response, body) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");

        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"select answered {(int)response.StatusCode}: {body}");
        var after = (await scenario.Broker.Services.GetRequiredService<IAccountStore>().GetAsync(x, CancellationToken.None))!.ProtectedCredentials;
        Assert.Equal(before, after);
        Assert.Empty(listener.Received);
    }

    private static object Account(string opd, string platform, string externalId, string apiBaseUrl) =>
        new { opd, platform, name = "Pemkot", externalId, credentials = new { accessToken = "token-" + externalId }, apiBaseUrl };

    private static async Task<string> ConnectXAsync(Scenario scenario)
    {
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");
        return chosen!["accounts"]![0]!.Str("id");
    }

    /// <summary>Writes the listener's address straight into the stored accounts, as data saved before the allow-list would be.</summary>
    private static async Task PointAtAsync(Scenario scenario, RecordingListener listener, params string[] accountIds)
    {
        var store = scenario.Broker.Services.GetRequiredService<IAccountStore>();
        foreach (var id in accountIds)
        {
            var account = (await store.GetAsync(id, CancellationToken.None))!;
            account.ApiBaseUrl = listener.BaseUrl.ToString().TrimEnd('/');
            await store.UpdateAsync(account, CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<JsonNode>> DeliveriesOfAsync(Scenario scenario, string itemId) =>
        [.. (await scenario.Api.GetJsonAsync("/api/deliveries?status=scheduled,publishing,retrying,published,failed,held")).AsArray()
            .Where(d => d!.Str("itemId") == itemId).Select(d => d!)];
}
