namespace Broker.Adapters;

/// <summary>
/// Connects accounts of one platform through the platform's OAuth flow, so nobody has to paste tokens. Optional: a
/// plugin that offers it registers one singleton beside its <see cref="IChannelAdapter"/>. The broker keeps the
/// flow's state (the <c>state</c> value, the PKCE verifier, the accounts found) and owns the redirect URI; the
/// connector only builds the platform's authorize URL and talks to its token endpoints.
/// </summary>
public interface IAccountConnector
{
    /// <summary>The platform whose login this is, as <see cref="IChannelAdapter.Platform"/> spells it. The accounts found may belong to other platforms too (Facebook Login also finds Instagram accounts).</summary>
    string Platform { get; }

    /// <summary>Every problem with the app settings (a missing app id or secret), naming the configuration keys to set; empty when connecting can start.</summary>
    IReadOnlyList<string> CheckConfiguration();

    /// <summary>The platform's consent page to send the person to; it redirects back to <see cref="AuthorizationRequest.RedirectUri"/> with <c>code</c> and <c>state</c>.</summary>
    Uri BuildAuthorizeUrl(AuthorizationRequest request);

    /// <summary>
    /// Exchanges the code for tokens and lists the accounts the person may add, each with the credentials the
    /// platform's adapter expects. Never throws for what the platform answered.
    /// </summary>
    Task<ConnectionResult> ExchangeCodeAsync(AuthorizationCallback callback, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the account's credentials when they are close to expiring, storing them through
    /// <see cref="ChannelAccount.SaveCredentialsAsync"/> before returning; <see cref="CredentialRefresh.NotDue"/> when
    /// nothing needs doing. The broker calls it now and then for every account of <see cref="Platform"/>, so accounts
    /// that rarely publish keep working.
    /// </summary>
    Task<CredentialRefresh> RefreshAsync(ChannelAccount account, CancellationToken cancellationToken);
}
