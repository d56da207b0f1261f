using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Broker.Adapters.X.Auth;

/// <summary>
/// X OAuth 2.0 Authorization Code with PKCE (platforms.md §3.3): the authorize URL carries the broker's S256 challenge,
/// <see cref="XOAuth2Client"/> exchanges the code with the verifier, and <c>GET /2/users/me</c> names the account.
/// Refreshing is left to publishing (<see cref="XAccountAuthorizer"/>): X's refresh tokens are single-use, and a
/// second refresher outside the adapter's per-account lock could spend one twice.
/// </summary>
internal sealed class XAccountConnector(
    IHttpClientFactory httpClientFactory,
    XAdapterOptions options,
    XOAuth2Client oauth2,
    ILogger<XAccountConnector> logger) : IAccountConnector
{
    public string Platform => "x";

    public IReadOnlyList<string> CheckConfiguration() =>
        string.IsNullOrWhiteSpace(options.ClientId) ? [$"{XAdapterOptions.Section}:ClientId is not set."] : [];

    public Uri BuildAuthorizeUrl(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        KeyValuePair<string, string>[] query =
        [
            new("response_type", "code"),
            new("client_id", options.ClientId!),
            new("redirect_uri", request.RedirectUri.AbsoluteUri),
            new("scope", options.Scopes),
            new("state", request.State),
            new("code_challenge", request.CodeChallenge),
            new("code_challenge_method", "S256"),
        ];
        var encoded = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri($"{options.AuthorizeUrl.AbsoluteUri}?{encoded}");
    }

    public async Task<ConnectionResult> ExchangeCodeAsync(AuthorizationCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var app = new XOAuth2ClientApp(options.ClientId!, string.IsNullOrWhiteSpace(options.ClientSecret) ? null : options.ClientSecret);
        var result = await oauth2.ExchangeCodeAsync(app, callback.Code, callback.CodeVerifier, callback.RedirectUri, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case XOAuth2Result.Issued { Tokens.RefreshToken: null }:
                return new ConnectionResult.Refused("X granted no refresh token: the app must ask for the offline.access scope.");
            case XOAuth2Result.Issued issued:
                return await DescribeAsync(issued.Tokens, app, cancellationToken).ConfigureAwait(false);
            case XOAuth2Result.Refused refused:
                return new ConnectionResult.Refused($"X refused the authorization code ({refused.Error ?? ((int)refused.Status).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {refused.Description})");
            case XOAuth2Result.Unreachable unreachable:
                return new ConnectionResult.Unreachable(unreachable.Reason);
            default:
                throw new InvalidOperationException($"Unexpected token result {result.GetType().Name}.");
        }
    }

    public Task<CredentialRefresh> RefreshAsync(ChannelAccount account, CancellationToken cancellationToken) =>
        Task.FromResult<CredentialRefresh>(new CredentialRefresh.NotDue());

    private async Task<ConnectionResult> DescribeAsync(XOAuth2Tokens tokens, XOAuth2ClientApp app, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, XUrls.Combine(options.BaseUrl, "2/users/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        try
        {
            using var response = await httpClientFactory.CreateClient(XAdapterOptions.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new ConnectionResult.Refused($"X answered {(int)response.StatusCode} when asked who connected");
            }

            using var json = JsonDocument.Parse(body);
            var user = json.RootElement.GetProperty("data");
            var id = user.GetProperty("id").GetString()!;
            var username = user.TryGetProperty("username", out var u) ? u.GetString() : null;
            XLog.Connected(logger, id);
            return new ConnectionResult.Connected(
            [
                new ConnectableAccount
                {
                    Platform = Platform,
                    ExternalId = id,
                    Name = username is null ? id : "@" + username,
                    Description = user.TryGetProperty("name", out var name) ? name.GetString() : null,
                    Credentials = tokens.ToCredentials(new Dictionary<string, string>(), app),
                },
            ]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ConnectionResult.Unreachable($"X did not answer when asked who connected ({ex.GetType().Name})");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new ConnectionResult.Refused("X's answer to GET /2/users/me had no user id");
        }
    }
}
