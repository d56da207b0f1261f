using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>
/// Instagram Login (platforms.md §2.1): the code becomes a short-lived token at api.instagram.com, that a 60-day
/// token at graph.instagram.com, and <c>/me</c> names the account. The account publishes through graph.instagram.com
/// and its token is refreshed before it expires (<see cref="InstagramTokenRefresher"/>).
/// </summary>
internal sealed class InstagramAccountConnector(
    IHttpClientFactory httpClientFactory,
    InstagramOptions options,
    InstagramTokenRefresher tokens,
    TimeProvider time,
    ILogger<InstagramAccountConnector> logger) : IAccountConnector
{
    public string Platform => "instagram";

    public IReadOnlyList<string> CheckConfiguration() => options.LoginProblems(InstagramOptions.Section);

    public Uri BuildAuthorizeUrl(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GraphLogin.Url(
            options.LoginBaseUrl!,
            "oauth/authorize",
            [
                new("client_id", options.AppId!),
                new("redirect_uri", request.RedirectUri.AbsoluteUri),
                new("response_type", "code"),
                new("scope", string.IsNullOrWhiteSpace(options.Scopes) ? InstagramOptions.DefaultScopes : options.Scopes),
                new("state", request.State),
            ]);
    }

    public async Task<ConnectionResult> ExchangeCodeAsync(AuthorizationCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var codeExchange = new GraphApi(Http(), options.TokenBaseUrl, accessToken: string.Empty);
        var exchanged = await codeExchange.PostFormAsync(
            "oauth/access_token",
            [
                new("client_id", options.AppId!),
                new("client_secret", options.AppSecret!),
                new("grant_type", "authorization_code"),
                new("redirect_uri", callback.RedirectUri.AbsoluteUri),
                new("code", callback.Code),
            ],
            cancellationToken);
        if (GraphLogin.TokenOf(exchanged).Token is not { } shortLived)
        {
            return GraphLogin.Failure("Instagram", "the authorization code", exchanged);
        }

        var longLivedExchange = new GraphApi(Http(), options.LoginGraphBaseUrl, shortLived);
        var extended = await longLivedExchange.GetAsync(
            "access_token", [new("grant_type", "ig_exchange_token"), new("client_secret", options.AppSecret!)], cancellationToken);
        var (longLived, lifetime) = GraphLogin.TokenOf(extended);
        if (longLived is null)
        {
            return GraphLogin.Failure("Instagram", "the long-lived token exchange", extended);
        }

        var me = new GraphApi(Http(), GraphApi.VersionedBase(options.LoginGraphBaseUrl, options.GraphVersion), longLived);
        var profile = await me.GetAsync("me", [new("fields", "id,user_id,username")], cancellationToken);
        if (profile is not GraphResult.Answer answer
            || (GraphJson.String(answer.Body, "user_id") ?? GraphJson.String(answer.Body, "id")) is not { } userId)
        {
            return GraphLogin.Failure("Instagram", "reading the account", profile);
        }

        // Postiz publishes to user_id, LetMePost to id (platforms.md §2.1: UNCONFIRMED which /media expects); user_id
        // is the professional account's id, the one the content publishing documents name.
        var username = GraphJson.String(answer.Body, "username") ?? userId;
        InstagramLog.Connected(logger, userId, username);
        return new ConnectionResult.Connected(
        [
            new ConnectableAccount
            {
                Platform = Platform,
                ExternalId = userId,
                Name = "@" + username,
                Description = "Instagram professional account (Instagram Login)",
                Credentials = new Dictionary<string, string>
                {
                    [InstagramCredentialKeys.AccessToken] = longLived,
                    [InstagramCredentialKeys.AccessTokenExpiresAt] = GraphLogin.Format(time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(60))),
                },
                ApiBaseUrl = options.LoginGraphBaseUrl,
            },
        ]);
    }

    public async Task<CredentialRefresh> RefreshAsync(ChannelAccount account, CancellationToken cancellationToken) =>
        (await tokens.TokenForAsync(account, cancellationToken)).Result;

    private HttpClient Http() => httpClientFactory.CreateClient(InstagramAdapter.HttpClientName);
}
