using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Login;

/// <summary>Facebook Login against the sandbox over real HTTP: dialog, code, long-lived token, Pages.</summary>
public sealed class FacebookLoginTests : IAsyncLifetime
{
    private MetaHarness harness = null!;

    public async Task InitializeAsync() => harness = await MetaHarness.StartAsync(instagramHost: "graph");

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private IAccountConnector Login => harness.Connector("facebook");

    [Fact]
    public void The_authorize_url_names_the_app_the_callback_the_state_and_the_page_permissions()
    {
        var url = Login.BuildAuthorizeUrl(new AuthorizationRequest("state-1", LoginDialog.Callback, "challenge"));

        Assert.Equal(harness.Sandbox.FacebookWebUrl.AbsolutePath + "/v25.0/dialog/oauth", url.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("sandbox-facebook-app", query["client_id"]);
        Assert.Equal(LoginDialog.Callback.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("state-1", query["state"]);
        Assert.Contains("pages_manage_posts", query["scope"].ToString(), StringComparison.Ordinal);
        Assert.Empty(Login.CheckConfiguration());
    }

    [Fact]
    public async Task A_code_becomes_the_pages_with_their_tokens_and_the_linked_instagram_account_which_can_publish()
    {
        var back = await LoginDialog.OpenAsync(Login.BuildAuthorizeUrl(new AuthorizationRequest("s", LoginDialog.Callback, "c")));

        var result = await Login.ExchangeCodeAsync(new AuthorizationCallback(back["code"], LoginDialog.Callback, "unused-verifier"), CancellationToken.None);

        var accounts = Assert.IsType<ConnectionResult.Connected>(result).Accounts;
        Assert.Equal(
            [("facebook", "104857600000001"), ("instagram", "17841104857600000001"), ("facebook", "104857600000002")],
            accounts.Select(a => (a.Platform, a.ExternalId)));
        Assert.Equal("Pemerintah Kota (Sandbox)", accounts[0].Name);
        Assert.Equal(accounts[0].Credentials["accessToken"], accounts[1].Credentials["accessToken"]);
        Assert.Equal(harness.Sandbox.GraphBaseUrl, accounts[1].ApiBaseUrl);
        Assert.Contains("Pemerintah Kota", accounts[1].Description, StringComparison.Ordinal);
        var exchanges = harness.Sandbox.State.RequestsFor("facebook", "/oauth/access_token");
        Assert.Equal(2, exchanges.Count);
        Assert.Contains("fb_exchange_token", exchanges[1].Query, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token=", exchanges[0].Query, StringComparison.Ordinal);

        var saved = new List<IReadOnlyDictionary<string, string>>();
        var post = new RenderedPost { Text = "Terhubung lewat Facebook Login", Media = [harness.Photos.Photo("login")] };
        var outcome = await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(
            harness.Request("instagram", post) with { Account = LoginDialog.Account(accounts[1], saved) }, CancellationToken.None));
        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal("17841104857600000001", Assert.Single(harness.Sandbox.State.Posts("instagram")).AccountId);
        Assert.Empty(saved);
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_with_facebooks_reason()
    {
        var back = await LoginDialog.OpenAsync(Login.BuildAuthorizeUrl(new AuthorizationRequest("s", LoginDialog.Callback, "c")));
        await Login.ExchangeCodeAsync(new AuthorizationCallback(back["code"], LoginDialog.Callback, "v"), CancellationToken.None);

        var again = await Login.ExchangeCodeAsync(new AuthorizationCallback(back["code"], LoginDialog.Callback, "v"), CancellationToken.None);

        var refused = Assert.IsType<ConnectionResult.Refused>(again);
        Assert.Contains("authorization code has been used", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_tokens_need_no_refresh()
    {
        var account = LoginDialog.Account(
            new ConnectableAccount { Platform = "facebook", ExternalId = "1", Name = "Page", Credentials = new Dictionary<string, string> { ["accessToken"] = "t" } },
            []);

        Assert.IsType<CredentialRefresh.NotDue>(await Login.RefreshAsync(account, CancellationToken.None));
        Assert.Empty(harness.Sandbox.State.Requests);
    }
}
