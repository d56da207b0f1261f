using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.Sandbox.Tests;

/// <summary>The login dialogs and token endpoints of Facebook Login, Instagram Login and X OAuth 2.0 with PKCE.</summary>
public sealed class OAuthTests
{
    private const string Callback = "https://broker.example.go.id/oauth/callback/";

    [Fact]
    public async Task Facebook_login_ends_with_the_pages_their_tokens_and_linked_instagram_accounts()
    {
        await using var h = await SandboxHarness.StartAsync();
        var redirect = Callback + "facebook";
        var back = await AuthorizeAsync(h, $"facebook/v25.0/dialog/oauth?client_id=app-1&redirect_uri={Uri.EscapeDataString(redirect)}&state=s-1&scope=pages_show_list");
        var code = back["code"];

        var (_, shortLived) = await h.GetAsync($"graph/v25.0/oauth/access_token?client_id=app-1&client_secret=secret&redirect_uri={Uri.EscapeDataString(redirect)}&code={code}");
        var (reused, reusedError) = await h.GetAsync($"graph/v25.0/oauth/access_token?client_id=app-1&client_secret=secret&redirect_uri={Uri.EscapeDataString(redirect)}&code={code}");
        var userToken = shortLived!["access_token"]!.GetValue<string>();
        var (_, longLived) = await h.GetAsync($"graph/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=app-1&client_secret=secret&fb_exchange_token={userToken}");
        var longToken = longLived!["access_token"]!.GetValue<string>();
        var (_, pages) = await h.GetAsync($"graph/v25.0/me/accounts?fields=id,name,access_token,instagram_business_account{{id,username}}&access_token={longToken}");

        Assert.Equal("s-1", back["state"]);
        Assert.Equal(3600, shortLived["expires_in"]!.GetValue<long>());
        Assert.Equal((HttpStatusCode.BadRequest, 100), (reused.StatusCode, reusedError!["error"]!["code"]!.GetValue<int>()));
        Assert.Equal(5_183_944, longLived["expires_in"]!.GetValue<long>());
        var data = pages!["data"]!.AsArray();
        Assert.Equal(["104857600000001", "104857600000002"], data.Select(p => p!["id"]!.GetValue<string>()));
        Assert.All(data, p => Assert.False(string.IsNullOrEmpty(p!["access_token"]!.GetValue<string>())));
        Assert.Equal("17841104857600000001", data[0]!["instagram_business_account"]!["id"]!.GetValue<string>());
        Assert.Null(data[1]!["instagram_business_account"]);

        var pageToken = data[0]!["access_token"]!.GetValue<string>();
        var (posted, _) = await h.PostFormAsync("graph/v25.0/104857600000001/feed", ("message", "Lewat Facebook Login"), ("access_token", pageToken));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
    }

    [Fact]
    public async Task A_facebook_code_must_come_back_with_the_same_redirect_uri()
    {
        await using var h = await SandboxHarness.StartAsync();
        var back = await AuthorizeAsync(h, $"facebook/v25.0/dialog/oauth?client_id=app-1&redirect_uri={Uri.EscapeDataString(Callback + "facebook")}&state=s");

        var (response, body) = await h.GetAsync($"graph/v25.0/oauth/access_token?client_id=app-1&client_secret=secret&redirect_uri={Uri.EscapeDataString(Callback + "other")}&code={back["code"]}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(36008, body!["error"]!["error_subcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Instagram_login_gives_a_long_lived_token_that_refreshes_only_after_a_day_and_dies_after_sixty()
    {
        await using var h = await SandboxHarness.StartAsync();
        var redirect = Callback + "instagram";
        var back = await AuthorizeAsync(h, $"instagram-web/oauth/authorize?client_id=ig-app&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&scope=instagram_business_basic,instagram_business_content_publish&state=s-2");

        var (_, exchanged) = await h.PostFormAsync("instagram-api/oauth/access_token",
            ("client_id", "ig-app"), ("client_secret", "secret"), ("grant_type", "authorization_code"), ("redirect_uri", redirect), ("code", back["code"]));
        var shortToken = exchanged!["data"]![0]!["access_token"]!.GetValue<string>();
        var (_, longLived) = await h.GetAsync($"instagram/access_token?grant_type=ig_exchange_token&client_secret=secret&access_token={shortToken}");
        var longToken = longLived!["access_token"]!.GetValue<string>();
        var (_, me) = await h.GetAsync($"instagram/v25.0/me?fields=user_id,username&access_token={longToken}");
        var (tooYoung, _) = await h.GetAsync($"instagram/refresh_access_token?grant_type=ig_refresh_token&access_token={longToken}");
        h.Time.Advance(TimeSpan.FromDays(2));
        var (refreshedResponse, refreshed) = await h.GetAsync($"instagram/refresh_access_token?grant_type=ig_refresh_token&access_token={longToken}");
        h.Time.Advance(TimeSpan.FromDays(59));
        var (expiredCall, expiredError) = await h.GetAsync($"instagram/v25.0/me?access_token={longToken}");
        var (renewedCall, _) = await h.GetAsync($"instagram/v25.0/me?access_token={refreshed!["access_token"]!.GetValue<string>()}");

        Assert.Equal("s-2", back["state"]);
        Assert.Equal(17841400000000077, exchanged["data"]![0]!["user_id"]!.GetValue<long>());
        Assert.Equal(60 * 24 * 3600, longLived["expires_in"]!.GetValue<long>());
        Assert.Equal("17841400000000077", me!["user_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, tooYoung.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshedResponse.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, 190), (expiredCall.StatusCode, expiredError!["error"]!["code"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, renewedCall.StatusCode);
    }

    [Fact]
    public async Task Instagram_appends_a_fragment_to_the_redirect_that_is_not_part_of_the_code()
    {
        await using var h = await SandboxHarness.StartAsync();
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await noRedirects.GetAsync($"{h.Address}/instagram-web/oauth/authorize?client_id=ig-app&redirect_uri={Uri.EscapeDataString(Callback)}&response_type=code&scope=instagram_business_basic");

        Assert.EndsWith("#_", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task X_checks_the_pkce_verifier_against_the_challenge_and_spends_the_code_on_first_use()
    {
        await using var h = await SandboxHarness.StartAsync();
        var verifier = "v3ri-fier-" + new string('x', 40);
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirect = Callback + "x";
        string Authorize() => $"x-web/i/oauth2/authorize?response_type=code&client_id=x-app&redirect_uri={Uri.EscapeDataString(redirect)}&scope=tweet.read%20tweet.write%20users.read%20offline.access&state=s-3&code_challenge={challenge}&code_challenge_method=S256";
        var first = await AuthorizeAsync(h, Authorize());
        var second = await AuthorizeAsync(h, Authorize());

        var (wrong, wrongError) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "authorization_code"), ("code", first["code"]), ("redirect_uri", redirect), ("client_id", "x-app"), ("code_verifier", "not-" + verifier));
        var (spent, _) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "authorization_code"), ("code", first["code"]), ("redirect_uri", redirect), ("client_id", "x-app"), ("code_verifier", verifier));
        var (right, tokens) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "authorization_code"), ("code", second["code"]), ("redirect_uri", redirect), ("client_id", "x-app"), ("code_verifier", verifier));
        var (_, me) = await h.GetAsync("x/2/users/me", "Bearer " + tokens!["access_token"]!.GetValue<string>());

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (wrong.StatusCode, wrongError!["error"]!.GetValue<string>()));
        Assert.Contains("code verifier", wrongError["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, spent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]!.GetValue<string>()));
        Assert.Equal("1500000000000000001", me!["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task X_refuses_an_authorize_request_without_a_pkce_challenge_and_a_code_it_never_issued()
    {
        await using var h = await SandboxHarness.StartAsync();

        var (dialog, _) = await h.GetAsync($"x-web/i/oauth2/authorize?response_type=code&client_id=x-app&redirect_uri={Uri.EscapeDataString(Callback)}&scope=tweet.read&state=s");
        var (token, error) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "authorization_code"), ("code", "made-up"), ("redirect_uri", Callback), ("client_id", "x-app"), ("code_verifier", new string('v', 43)));

        Assert.Equal(HttpStatusCode.BadRequest, dialog.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (token.StatusCode, error!["error"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("facebook", "facebook/v25.0/dialog/oauth?client_id=a&redirect_uri={0}&state=s-4")]
    [InlineData("instagram", "instagram-web/oauth/authorize?client_id=a&redirect_uri={0}&response_type=code&scope=instagram_business_basic&state=s-4")]
    [InlineData("x", "x-web/i/oauth2/authorize?client_id=a&redirect_uri={0}&response_type=code&scope=tweet.read&state=s-4&code_challenge=abc&code_challenge_method=S256")]
    public async Task A_user_who_declines_is_sent_back_with_access_denied_and_the_state(string platform, string dialog)
    {
        await using var h = await SandboxHarness.StartAsync();
        var response = await h.Http.PostAsJsonAsync("_sandbox/oauth/deny", new { platform });
        response.EnsureSuccessStatusCode();

        var denied = await AuthorizeAsync(h, string.Format(System.Globalization.CultureInfo.InvariantCulture, dialog, Uri.EscapeDataString(Callback)));
        var consented = await AuthorizeAsync(h, string.Format(System.Globalization.CultureInfo.InvariantCulture, dialog, Uri.EscapeDataString(Callback)));

        Assert.Equal(("access_denied", "s-4"), (denied["error"], denied["state"]));
        Assert.False(denied.ContainsKey("code"));
        Assert.True(consented.ContainsKey("code"));
    }

    /// <summary>Opens a login dialog without following the redirect and returns the parameters it sends back.</summary>
    private static async Task<Dictionary<string, string>> AuthorizeAsync(SandboxHarness h, string dialog)
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await noRedirects.GetAsync($"{h.Address}/{dialog}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Callback, location.OriginalString, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }
}
