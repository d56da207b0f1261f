using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.X.Auth;

/// <summary>
/// Prepares an account's authorisation before a call. OAuth 2.0 tokens that expire within the margin are refreshed
/// first, and the new set (with X's new single-use refresh token) is stored through
/// <see cref="ChannelAccount.SaveCredentialsAsync"/> before it is used. Refreshes of one account are serialised, and
/// the last rotation is remembered, so two deliveries holding the same old refresh token do not both spend it.
/// </summary>
internal sealed class XAccountAuthorizer(
    XOAuth2Client oauth2,
    OAuth1Signer signer,
    XAdapterOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Rotation> rotations = new(StringComparer.Ordinal);

    public async Task<XAuthorizationResult> AuthorizeAsync(ChannelAccount account, Uri baseUrl, CancellationToken cancellationToken)
    {
        var credentials = account.Credentials;
        var problems = XCredentials.Problems(credentials);
        if (problems.Count > 0)
        {
            return XAuthorizationResult.Failed(new PublishOutcome.NeedsReauthorization(string.Join(" ", problems)));
        }

        if (!XCredentials.IsOAuth2(credentials))
        {
            return XAuthorizationResult.Ready(new XAuthorization.OAuth1(XCredentials.OAuth1(credentials), signer));
        }

        if (IsFresh(credentials))
        {
            return XAuthorizationResult.Ready(new XAuthorization.Bearer(credentials[XCredentialKeys.OAuth2AccessToken]));
        }

        var gate = locks.GetOrAdd(account.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RefreshAsync(account, baseUrl, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<XAuthorizationResult> RefreshAsync(ChannelAccount account, Uri baseUrl, CancellationToken cancellationToken)
    {
        var credentials = account.Credentials;
        var refreshToken = credentials[XCredentialKeys.OAuth2RefreshToken];
        if (rotations.TryGetValue(account.Id, out var rotation) && rotation.ReplacedTokenHash == Hash(refreshToken))
        {
            // Another attempt already spent this refresh token; its successor is here (and is stored again, in case
            // that attempt could not store it).
            return await UseAsync(account, rotation.Credentials, cancellationToken).ConfigureAwait(false);
        }

        var app = XCredentials.App(credentials, options);
        var result = await oauth2.RefreshAsync(app, refreshToken, cancellationToken, baseUrl).ConfigureAwait(false);
        switch (result)
        {
            case XOAuth2Result.Issued issued:
                var renewed = issued.Tokens.ToCredentials(credentials, app);
                rotations[account.Id] = new Rotation(Hash(refreshToken), renewed);
                XLog.TokenRefreshed(logger, account.Id, issued.Tokens.ExpiresAt);
                return await UseAsync(account, renewed, cancellationToken).ConfigureAwait(false);
            case XOAuth2Result.Refused refused when refused.NeedsReauthorization:
                return XAuthorizationResult.Failed(new PublishOutcome.NeedsReauthorization(
                    $"X refused to refresh the OAuth 2.0 token ({refused.Error ?? ((int)refused.Status).ToString(System.Globalization.CultureInfo.InvariantCulture)}); a person must reconnect the account"));
            case XOAuth2Result.Refused refused:
                return XAuthorizationResult.Failed(new PublishOutcome.Transient(
                    $"X's token endpoint answered {(int)refused.Status} to a refresh"));
            case XOAuth2Result.Unreachable unreachable:
                return XAuthorizationResult.Failed(new PublishOutcome.Transient(unreachable.Reason));
            default:
                throw new InvalidOperationException($"Unexpected token result {result.GetType().Name}.");
        }
    }

    private async Task<XAuthorizationResult> UseAsync(
        ChannelAccount account,
        IReadOnlyDictionary<string, string> renewed,
        CancellationToken cancellationToken)
    {
        try
        {
            await account.SaveCredentialsAsync(renewed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            XLog.TokenNotStored(logger, ex, account.Id);
            return XAuthorizationResult.Failed(new PublishOutcome.Transient("The refreshed X token could not be stored; it is kept in memory and stored on the next attempt"));
        }

        return XAuthorizationResult.Ready(new XAuthorization.Bearer(renewed[XCredentialKeys.OAuth2AccessToken]));
    }

    private bool IsFresh(IReadOnlyDictionary<string, string> credentials) =>
        XCredentials.ExpiresAt(credentials) is { } expires && expires - options.RefreshMargin > timeProvider.GetUtcNow();

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Rotation(string ReplacedTokenHash, IReadOnlyDictionary<string, string> Credentials);
}
