using System.Text;
using Broker.Accounts;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Accounts;

/// <summary>The city-wide app secret stays in configuration: accounts never carry it, and refreshes read it where it is.</summary>
public sealed class AppSecretTests
{
    private const string ClientSecret = "x-city-client-secret-5e81c2";

    [Fact]
    public async Task The_x_client_secret_is_not_stored_with_an_account_after_connect_or_refresh_and_the_refresh_uses_the_configured_one()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s => s["Platforms:X:ClientSecret"] = ClientSecret);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");
        var accountId = chosen!["accounts"]![0]!.Str("id");
        Assert.DoesNotContain("clientSecret", (await CredentialsAsync(scenario, accountId)).Keys);

        clock.Advance(TimeSpan.FromHours(2));
        var item = await scenario.SubmitItemAsync("diskominfo", [accountId]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-x-client:" + ClientSecret));
        var tokenCalls = scenario.Sandbox.State.RequestsFor("x", "/2/oauth2/token");
        Assert.Equal(2, tokenCalls.Count); // the code exchange, then the refresh
        Assert.All(tokenCalls, call => Assert.Equal(basic, call.Headers["Authorization"]));
        var renewed = await CredentialsAsync(scenario, accountId);
        Assert.DoesNotContain("clientSecret", renewed.Keys);
        Assert.DoesNotContain(ClientSecret, string.Join(",", renewed.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_secret_stored_with_an_account_before_is_ignored_and_dropped_at_the_next_refresh()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s => s["Platforms:X:ClientSecret"] = ClientSecret);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");
        var accountId = chosen!["accounts"]![0]!.Str("id");
        await SetCredentialAsync(scenario, accountId, "clientSecret", "an-old-stored-secret");

        clock.Advance(TimeSpan.FromHours(2));
        var item = await scenario.SubmitItemAsync("diskominfo", [accountId]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        var refresh = scenario.Sandbox.State.RequestsFor("x", "/2/oauth2/token")[^1];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-x-client:" + ClientSecret)), refresh.Headers["Authorization"]);
        Assert.DoesNotContain("clientSecret", (await CredentialsAsync(scenario, accountId)).Keys);
    }

    private static async Task<IReadOnlyDictionary<string, string>> CredentialsAsync(Scenario scenario, string accountId)
    {
        var services = scenario.Broker.Services;
        var account = (await services.GetRequiredService<IAccountStore>().GetAsync(accountId, CancellationToken.None))!;
        return services.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials);
    }

    private static async Task SetCredentialAsync(Scenario scenario, string accountId, string key, string value)
    {
        var services = scenario.Broker.Services;
        var store = services.GetRequiredService<IAccountStore>();
        var protector = services.GetRequiredService<CredentialProtector>();
        var account = (await store.GetAsync(accountId, CancellationToken.None))!;
        account.ProtectedCredentials = protector.Protect(new Dictionary<string, string>(protector.Unprotect(account.ProtectedCredentials)) { [key] = value });
        await store.UpdateAsync(account, CancellationToken.None);
    }
}
