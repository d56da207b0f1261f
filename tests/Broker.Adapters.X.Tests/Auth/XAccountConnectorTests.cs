using System.Net;
using System.Security.Cryptography;
using System.Text;
using Broker.Adapters.X.Auth;
using Broker.Adapters.X.Tests.Contract;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.Adapters.X.Tests.Auth;

/// <summary>Connecting an X account with OAuth 2.0 and PKCE against the sandbox, then publishing with what it stored.</summary>
public sealed class XAccountConnectorTests
{
    private static readonly Uri Callback = new("https://broker.example.go.id/oauth/callback/x");
    private static readonly string Verifier = "pkce-verifier-" + new string('q', 40);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_authorize_url_carries_the_s256_challenge_and_asks_for_offline_access()
    {
        await using var x = await XSandboxHarness.StartAsync();

        var url = x.Connector.BuildAuthorizeUrl(new AuthorizationRequest("state-9", Callback, Challenge(Verifier)));

        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(x.AuthorizeUrl.AbsolutePath, url.AbsolutePath);
        Assert.Equal((Challenge(Verifier), "S256", "state-9", "sandbox-x-client"), (query["code_challenge"].ToString(), query["code_challenge_method"].ToString(), query["state"].ToString(), query["client_id"].ToString()));
        Assert.Contains("offline.access", query["scope"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_with_its_verifier_becomes_the_account_and_a_rotating_token_set_that_publishes()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var code = await AuthorizeAsync(x);

        var result = await x.Connector.ExchangeCodeAsync(new AuthorizationCallback(code, Callback, Verifier), Ct);

        var found = Assert.Single(Assert.IsType<ConnectionResult.Connected>(result).Accounts);
        Assert.Equal(("x", "1500000000000000001", "@sandbox_000001"), (found.Platform, found.ExternalId, found.Name));
        Assert.Empty(x.Adapter.CheckCredentials(found.Credentials));
        Assert.Equal("sandbox-x-client", found.Credentials[XCredentialKeys.ClientId]);
        var account = XRequests.Account(found.Credentials, found.ExternalId);
        Assert.IsType<PublishOutcome.Published>(await x.Adapter.PublishAsync(XRequests.Request(account, "Terhubung dengan OAuth 2.0"), Ct));
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_with_xs_reason()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var code = await AuthorizeAsync(x);

        var result = await x.Connector.ExchangeCodeAsync(new AuthorizationCallback(code, Callback, "another-verifier-" + new string('z', 40)), Ct);

        Assert.Contains("code verifier", Assert.IsType<ConnectionResult.Refused>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refreshing_is_left_to_publishing_where_the_single_use_token_is_guarded()
    {
        await using var x = await XSandboxHarness.StartAsync();

        var refresh = await x.Connector.RefreshAsync(XRequests.Account(XRequests.OAuth1Credentials()), Ct);

        Assert.IsType<CredentialRefresh.NotDue>(refresh);
        Assert.Empty(x.State.Requests);
    }

    private static async Task<string> AuthorizeAsync(XSandboxHarness x)
    {
        var url = x.Connector.BuildAuthorizeUrl(new AuthorizationRequest("s", Callback, Challenge(Verifier)));
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
