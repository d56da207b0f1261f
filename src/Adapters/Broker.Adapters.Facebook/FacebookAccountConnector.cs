using System.Text.Json;
using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Facebook;

/// <summary>
/// Facebook Login (platforms.md §1.3): the code becomes a short-lived user token, that a long-lived one, and
/// <c>/me/accounts</c> lists the Pages the person manages with their Page tokens and linked Instagram business
/// accounts. Page tokens obtained from a long-lived user token do not expire, so there is nothing to refresh.
/// </summary>
internal sealed class FacebookAccountConnector(
    IHttpClientFactory httpClientFactory,
    FacebookOptions options,
    ILogger<FacebookAccountConnector> logger) : IAccountConnector
{
    private const string PageFields = "id,name,access_token,instagram_business_account{id,username}";

    public string Platform => "facebook";

    public IReadOnlyList<string> CheckConfiguration() => options.LoginProblems(FacebookOptions.Section);

    public Uri BuildAuthorizeUrl(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GraphLogin.Url(
            options.LoginBaseUrl!,
            $"{options.GraphVersion}/dialog/oauth",
            [
                new("client_id", options.AppId!),
                new("redirect_uri", request.RedirectUri.AbsoluteUri),
                new("state", request.State),
                new("response_type", "code"),
                new("scope", string.IsNullOrWhiteSpace(options.Scopes) ? FacebookOptions.DefaultScopes : options.Scopes),
            ]);
    }

    public async Task<ConnectionResult> ExchangeCodeAsync(AuthorizationCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var versioned = GraphApi.VersionedBase(options.BaseUrl, options.GraphVersion);
        var app = new GraphApi(httpClientFactory.CreateClient(FacebookAdapter.HttpClientName), versioned, accessToken: string.Empty);
        var exchanged = await app.GetAsync(
            "oauth/access_token",
            [
                new("client_id", options.AppId!),
                new("redirect_uri", callback.RedirectUri.AbsoluteUri),
                new("client_secret", options.AppSecret!),
                new("code", callback.Code),
            ],
            cancellationToken);
        if (GraphLogin.TokenOf(exchanged).Token is not { } shortLived)
        {
            return GraphLogin.Failure("Facebook", "the authorization code", exchanged);
        }

        var extended = await app.GetAsync(
            "oauth/access_token",
            [
                new("grant_type", "fb_exchange_token"),
                new("client_id", options.AppId!),
                new("client_secret", options.AppSecret!),
                new("fb_exchange_token", shortLived),
            ],
            cancellationToken);
        if (GraphLogin.TokenOf(extended).Token is not { } longLived)
        {
            return GraphLogin.Failure("Facebook", "the long-lived token exchange", extended);
        }

        var user = new GraphApi(httpClientFactory.CreateClient(FacebookAdapter.HttpClientName), versioned, longLived);
        var pages = await user.GetAsync("me/accounts", [new("fields", PageFields), new("limit", "100")], cancellationToken);
        if (pages is not GraphResult.Answer answer)
        {
            return GraphLogin.Failure("Facebook", "listing the Pages", pages);
        }

        var accounts = GraphJson.Data(answer.Body).SelectMany(Candidates).ToList();
        FacebookLog.PagesListed(logger, accounts.Count(a => a.Platform == Platform), accounts.Count(a => a.Platform != Platform));
        return new ConnectionResult.Connected(accounts);
    }

    public Task<CredentialRefresh> RefreshAsync(ChannelAccount account, CancellationToken cancellationToken) =>
        Task.FromResult<CredentialRefresh>(new CredentialRefresh.NotDue());

    /// <summary>
    /// A Page, and its linked Instagram business account when it has one. The Instagram account publishes through
    /// graph.facebook.com with the Page's token (Postiz does the same; that a Page token suffices is not stated
    /// in the documents retrieved), so it is pinned to this Graph host whatever the Instagram adapter's default is.
    /// </summary>
    private IEnumerable<ConnectableAccount> Candidates(JsonElement page)
    {
        if (GraphJson.String(page, "id") is not { } id || GraphJson.String(page, "access_token") is not { } token)
        {
            yield break;
        }

        var name = GraphJson.String(page, "name") ?? id;
        yield return new ConnectableAccount
        {
            Platform = Platform,
            ExternalId = id,
            Name = name,
            Description = "Facebook Page",
            Credentials = new Dictionary<string, string> { ["accessToken"] = token },
        };

        if (page.TryGetProperty("instagram_business_account", out var linked) && GraphJson.String(linked, "id") is { } instagramId)
        {
            yield return new ConnectableAccount
            {
                Platform = "instagram",
                ExternalId = instagramId,
                Name = GraphJson.String(linked, "username") is { } username ? "@" + username : name,
                Description = $"Instagram business account linked to the Page {name}",
                Credentials = new Dictionary<string, string> { ["accessToken"] = token },
                ApiBaseUrl = options.BaseUrl,
            };
        }
    }
}
