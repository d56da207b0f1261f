using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.Timeout;

namespace Broker.Adapters.X.Auth;

/// <summary>
/// X's OAuth 2.0 token endpoint (<c>POST {BaseUrl}/2/oauth2/token</c>): exchanges an authorization code (PKCE) and
/// refreshes tokens. Confidential clients authenticate with HTTP Basic; public clients send <c>client_id</c> only.
/// </summary>
public sealed class XOAuth2Client(IHttpClientFactory httpClientFactory, XAdapterOptions options, TimeProvider timeProvider)
{
    /// <summary>Exchanges the code from the authorize redirect for the user's first token set.</summary>
    public Task<XOAuth2Result> ExchangeCodeAsync(
        XOAuth2ClientApp app,
        string code,
        string codeVerifier,
        Uri redirectUri,
        CancellationToken cancellationToken,
        Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return RequestAsync(
            app,
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri.ToString()),
                new("code_verifier", codeVerifier),
                new("client_id", app.ClientId),
            ],
            baseUrl,
            cancellationToken);
    }

    /// <summary>Trades a refresh token for a new token set. The old refresh token is dead afterwards: store the new one first.</summary>
    public Task<XOAuth2Result> RefreshAsync(XOAuth2ClientApp app, string refreshToken, CancellationToken cancellationToken, Uri? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return RequestAsync(
            app,
            [
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
                new("client_id", app.ClientId),
            ],
            baseUrl,
            cancellationToken);
    }

    private async Task<XOAuth2Result> RequestAsync(
        XOAuth2ClientApp app,
        KeyValuePair<string, string>[] form,
        Uri? baseUrl,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, XUrls.Combine(baseUrl ?? options.BaseUrl, "2/oauth2/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (!string.IsNullOrEmpty(app.ClientSecret))
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        try
        {
            var http = httpClientFactory.CreateClient(XAdapterOptions.HttpClientName);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? Parse(body, response.StatusCode)
                : Refusal(response.StatusCode, body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new XOAuth2Result.Unreachable($"X's token endpoint did not answer ({ex.GetType().Name})");
        }
    }

    private XOAuth2Result Parse(string body, System.Net.HttpStatusCode status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var accessToken = root.TryGetProperty("access_token", out var a) ? a.GetString() : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                return new XOAuth2Result.Refused(status, null, "X's token answer had no access_token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? seconds : 7200;
            return new XOAuth2Result.Issued(new XOAuth2Tokens(
                accessToken,
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
                timeProvider.GetUtcNow().AddSeconds(lifetime),
                root.TryGetProperty("scope", out var s) ? s.GetString() : null));
        }
        catch (JsonException)
        {
            return new XOAuth2Result.Refused(status, null, "X's token answer was not JSON");
        }
    }

    private static XOAuth2Result.Refused Refusal(System.Net.HttpStatusCode status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return new XOAuth2Result.Refused(
                status,
                root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
                root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
        }
        catch (JsonException)
        {
            return new XOAuth2Result.Refused(status, null, null);
        }
    }
}
