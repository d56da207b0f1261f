using System.Globalization;
using Broker.Accounts;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Accounts;

/// <summary>Instagram Login's 60-day token is renewed by the broker's periodic check before it expires, on a moved clock.</summary>
public sealed class TokenRefreshTests
{
    [Fact]
    public async Task An_instagram_account_that_does_not_publish_has_its_token_refreshed_before_expiry_and_publishes_after_the_old_one_died()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("instagram");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "17841400000000077");
        var accountId = chosen!["accounts"]![0]!.Str("id");
        var original = await CredentialsAsync(scenario, accountId);

        clock.Advance(TimeSpan.FromDays(47));
        await Eventually.WaitAsync(
            () => CredentialsAsync(scenario, accountId),
            c => c["accessToken"] != original["accessToken"],
            "the periodic check to store a refreshed token");

        var renewed = await CredentialsAsync(scenario, accountId);
        var issued = scenario.Sandbox.State.FindGraphToken(renewed["accessToken"])!;
        Assert.Equal(("instagram", "ig-long", clock.GetUtcNow()), (issued.Platform, issued.Kind, issued.IssuedAt));
        Assert.Equal(clock.GetUtcNow().AddDays(60), DateTimeOffset.Parse(renewed["accessTokenExpiresAt"], CultureInfo.InvariantCulture));
        Assert.Single(scenario.Sandbox.State.RequestsFor("instagram", "/refresh_access_token"));
        var audit = await scenario.Api.GetJsonAsync($"/api/audit?objectId={accountId}");
        Assert.Contains(audit.AsArray(), e => e!.Str("action") == "account.credentialsReplaced" && e!.Str("actor") == "broker");

        clock.Advance(TimeSpan.FromDays(14));
        Assert.True(scenario.Sandbox.State.FindGraphToken(original["accessToken"])!.IsExpired(clock.GetUtcNow()));
        var photo = await scenario.UploadPhotoAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [accountId], [photo]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await Eventually.WaitAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(5)); // Instagram's container is polled on the broker's clock.
                return await scenario.ItemAsync(item);
            },
            i => i.Str("status") == "published",
            "the item to be published with the refreshed token");
        Assert.Equal("active", (await scenario.Api.GetJsonAsync($"/api/accounts/{accountId}")).Str("status"));
    }

    [Fact]
    public async Task An_x_token_about_to_expire_is_refreshed_and_the_rotated_pair_stored_before_the_post_is_sent()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        await scenario.CreateOpdAsync();
        var driver = new ConnectionDriver(scenario);
        var connection = await driver.ConnectAsync("x");
        var (_, chosen) = await driver.SelectAsync(connection.Str("id"), "1500000000000000001");
        var accountId = chosen!["accounts"]![0]!.Str("id");
        var original = await CredentialsAsync(scenario, accountId);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(3));
        var item = await scenario.SubmitItemAsync("diskominfo", [accountId]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { }, 200);
        await scenario.WaitForItemStatusAsync(item, "published");

        var renewed = await CredentialsAsync(scenario, accountId);
        Assert.NotEqual(original["oauth2RefreshToken"], renewed["oauth2RefreshToken"]);
        Assert.Equal(clock.GetUtcNow().AddHours(2), DateTimeOffset.Parse(renewed["oauth2ExpiresAt"], CultureInfo.InvariantCulture));
        var calls = scenario.Sandbox.State.RequestsFor("x").Where(r => r.Endpoint is "oauth2_token" or "tweets").Select(r => r.Endpoint).ToList();
        Assert.Equal(["oauth2_token", "oauth2_token", "tweets"], calls);
        var tweet = scenario.Sandbox.State.RequestsFor("x", "/2/tweets").Single();
        Assert.Equal("Bearer " + renewed["oauth2AccessToken"], tweet.Headers["Authorization"]);
    }

    /// <summary>What the broker stores for the account, decrypted (read in-process: the API never shows it).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> CredentialsAsync(Scenario scenario, string accountId)
    {
        var services = scenario.Broker.Services;
        var account = (await services.GetRequiredService<IAccountStore>().GetAsync(accountId, CancellationToken.None))!;
        return services.GetRequiredService<CredentialProtector>().Unprotect(account.ProtectedCredentials);
    }
}
