using Broker.Adapters.Graph;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>
/// Keeps Instagram Login's long-lived tokens (60 days) alive: a token that expires within
/// <see cref="InstagramOptions.TokenRefreshWindow"/> is renewed with <c>refresh_access_token</c> and the new one is
/// stored through <see cref="ChannelAccount.SaveCredentialsAsync"/> before it is used. Tokens without an expiry (Page
/// tokens from Facebook Login, pasted tokens) are left alone. A refresh that fails while the old token still works
/// costs nothing: the old token is used and the next publish or periodic check tries again.
/// </summary>
internal sealed class InstagramTokenRefresher(
    IHttpClientFactory httpClientFactory,
    InstagramOptions options,
    TimeProvider time,
    ILogger<InstagramTokenRefresher> logger)
{
    /// <summary>The token to use now (renewed if it was due), with what was done; a <c>null</c> token means none works.</summary>
    public async Task<(string? Token, CredentialRefresh Result)> TokenForAsync(ChannelAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!account.Credentials.TryGetValue(InstagramCredentialKeys.AccessToken, out var token) || string.IsNullOrWhiteSpace(token))
        {
            return (null, new CredentialRefresh.NeedsReauthorization("The Instagram account has no access token; a person must reconnect it."));
        }

        account.Credentials.TryGetValue(InstagramCredentialKeys.AccessTokenExpiresAt, out var expiry);
        if (GraphLogin.ParseExpiry(expiry) is not { } expiresAt)
        {
            return (token, new CredentialRefresh.NotDue());
        }

        var now = time.GetUtcNow();
        if (expiresAt <= now)
        {
            return (null, new CredentialRefresh.NeedsReauthorization($"The Instagram token expired at {expiresAt:O}; a person must reconnect the account."));
        }

        return expiresAt - now > options.TokenRefreshWindow
            ? (token, new CredentialRefresh.NotDue())
            : await RefreshAsync(account, token, cancellationToken);
    }

    private async Task<(string? Token, CredentialRefresh Result)> RefreshAsync(ChannelAccount account, string token, CancellationToken cancellationToken)
    {
        var host = account.ApiBaseUrl ?? options.LoginGraphBaseUrl;
        var api = new GraphApi(httpClientFactory.CreateClient(InstagramAdapter.HttpClientName), host, token);
        var result = await api.GetAsync("refresh_access_token", [new("grant_type", "ig_refresh_token")], cancellationToken);
        var (renewed, lifetime) = GraphLogin.TokenOf(result);
        if (renewed is null)
        {
            var reason = GraphLogin.Failure("Instagram", "refreshing the token", result) switch
            {
                ConnectionResult.Refused refused => refused.Reason,
                ConnectionResult.Unreachable unreachable => unreachable.Reason,
                _ => "Instagram did not refresh the token",
            };
            InstagramLog.TokenNotRefreshed(logger, account.Id, reason);
            return result is GraphResult.Refusal { Error.Code: 190 }
                ? (null, new CredentialRefresh.NeedsReauthorization(reason + "; a person must reconnect the account."))
                : (token, new CredentialRefresh.Failed(reason));
        }

        var expiresAt = time.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(60));
        var credentials = new Dictionary<string, string>(account.Credentials, StringComparer.Ordinal)
        {
            [InstagramCredentialKeys.AccessToken] = renewed,
            [InstagramCredentialKeys.AccessTokenExpiresAt] = GraphLogin.Format(expiresAt),
        };
        try
        {
            await account.SaveCredentialsAsync(credentials, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The old token still works; using the unsaved new one would lose it at the next restart.
            InstagramLog.TokenNotStored(logger, ex, account.Id);
            return (token, new CredentialRefresh.Failed("The refreshed Instagram token could not be stored"));
        }

        InstagramLog.TokenRefreshed(logger, account.Id, expiresAt);
        return (renewed, new CredentialRefresh.Refreshed(expiresAt));
    }
}
