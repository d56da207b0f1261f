using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Login;

/// <summary>Instagram Login against the sandbox: the 60-day token, and its refresh before expiry on a moved clock.</summary>
public sealed class InstagramLoginTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IAccountConnector Login => harness.Connector("instagram");

    [Fact]
    public async Task A_code_becomes_one_account_with_a_sixty_day_token_on_graph_instagram_com()
    {
        var found = await ConnectAsync();

        Assert.Equal(("instagram", "17841400000000077", "@sandbox_000077"), (found.Platform, found.ExternalId, found.Name));
        Assert.Equal(harness.Sandbox.InstagramBaseUrl, found.ApiBaseUrl);
        Assert.Equal(harness.Time.GetUtcNow().AddDays(60), DateTimeOffset.Parse(found.Credentials["accessTokenExpiresAt"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["/instagram-api/oauth/access_token", "/instagram/access_token", "/instagram/v25.0/me"],
            harness.Sandbox.State.RequestsFor("instagram").Where(r => r.Endpoint != "authorize").Select(r => r.Path));
    }

    [Fact]
    public async Task A_token_near_its_expiry_is_refreshed_and_stored_before_the_publish_uses_it()
    {
        var found = await ConnectAsync();
        var saved = new List<IReadOnlyDictionary<string, string>>();
        harness.Time.Advance(TimeSpan.FromDays(50));
        var post = new RenderedPost { Text = "Token diperbarui sebelum kedaluwarsa", Media = [harness.Photos.Photo("refresh")] };

        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(
            harness.Request("instagram", post) with { Account = LoginDialog.Account(found, saved) }, CancellationToken.None));

        Assert.IsType<PublishOutcome.Published>(outcome);
        var stored = Assert.Single(saved);
        Assert.NotEqual(found.Credentials["accessToken"], stored["accessToken"]);
        Assert.Equal(harness.Time.GetUtcNow().AddDays(60).Date, DateTimeOffset.Parse(stored["accessTokenExpiresAt"], System.Globalization.CultureInfo.InvariantCulture).Date);
        var calls = harness.Sandbox.State.RequestsFor("instagram").Where(r => r.Endpoint is "ig_refresh_token" or "media").ToList();
        Assert.Equal(["ig_refresh_token", "media"], calls.Select(r => r.Endpoint));
        Assert.Contains(Uri.EscapeDataString(stored["accessToken"]), calls[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_far_from_its_expiry_is_used_as_it_is()
    {
        var found = await ConnectAsync();
        harness.Time.Advance(TimeSpan.FromDays(30));

        var refresh = await Login.RefreshAsync(LoginDialog.Account(found, []), CancellationToken.None);

        Assert.IsType<CredentialRefresh.NotDue>(refresh);
        Assert.Empty(harness.Sandbox.State.RequestsFor("instagram", "refresh_access_token"));
    }

    [Fact]
    public async Task The_periodic_refresh_renews_a_token_of_an_account_that_does_not_publish()
    {
        var found = await ConnectAsync();
        var saved = new List<IReadOnlyDictionary<string, string>>();
        harness.Time.Advance(TimeSpan.FromDays(47));

        var refresh = await Login.RefreshAsync(LoginDialog.Account(found, saved), CancellationToken.None);

        var refreshed = Assert.IsType<CredentialRefresh.Refreshed>(refresh);
        Assert.Equal(harness.Time.GetUtcNow().AddDays(60), refreshed.ExpiresAt);
        Assert.Single(saved);
    }

    [Fact]
    public async Task An_expired_token_needs_reauthorization_without_calling_instagram()
    {
        var found = await ConnectAsync();
        harness.Time.Advance(TimeSpan.FromDays(61));
        var before = harness.Sandbox.State.Requests.Count;

        var outcome = await harness.Instagram.PublishAsync(
            harness.Request("instagram", new RenderedPost { Text = "Terlambat", Media = [harness.Photos.Photo("late")] }) with { Account = LoginDialog.Account(found, []) },
            CancellationToken.None);

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
        Assert.Equal(before, harness.Sandbox.State.Requests.Count);
    }

    [Fact]
    public async Task A_revoked_token_that_cannot_be_refreshed_needs_reauthorization()
    {
        var found = await ConnectAsync();
        harness.Time.Advance(TimeSpan.FromDays(50));
        var dead = found with { Credentials = new Dictionary<string, string>(found.Credentials) { ["accessToken"] = "never-issued" } };

        var refresh = await Login.RefreshAsync(LoginDialog.Account(dead, []), CancellationToken.None);

        Assert.Contains("190", Assert.IsType<CredentialRefresh.NeedsReauthorization>(refresh).Reason, StringComparison.Ordinal);
    }

    private async Task<ConnectableAccount> ConnectAsync()
    {
        var back = await LoginDialog.OpenAsync(Login.BuildAuthorizeUrl(new AuthorizationRequest("s", LoginDialog.Callback, "c")));
        var result = await Login.ExchangeCodeAsync(new AuthorizationCallback(back["code"], LoginDialog.Callback, "v"), CancellationToken.None);
        return Assert.Single(Assert.IsType<ConnectionResult.Connected>(result).Accounts);
    }
}
