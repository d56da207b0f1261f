using Broker.Accounts;
using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Retraction;

/// <summary>
/// The account of a published delivery as its adapter takes it, for the calls made after publication (a delete, an edit
/// in place): its credentials decrypted, its API address checked against the allow-list, refreshed credentials saved.
/// </summary>
public sealed class DeliveryChannels(IAccountStore accounts, ApiBaseUrlPolicy baseUrls, CredentialProtector credentials, AccountHolds holds)
{
    /// <summary>What stands in the way: the account is gone or refused (<see cref="Refused"/>), or needs new credentials.</summary>
    public sealed record Found(ChannelAccount? Account, string? Refused, string? Reauthorize);

    public async Task<Found> ForAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (await accounts.GetAsync(delivery.AccountId, cancellationToken) is not { } account)
        {
            return new Found(null, $"Account '{delivery.AccountId}' no longer exists in the broker.", null);
        }

        if (baseUrls.Refusal(account) is { } refused)
        {
            return new Found(null, refused, null);
        }

        IReadOnlyDictionary<string, string> secrets;
        try
        {
            secrets = credentials.Unprotect(account.ProtectedCredentials);
        }
#pragma warning disable CA1031 // Whatever the cause, the account needs new credentials.
        catch (Exception)
#pragma warning restore CA1031
        {
            return new Found(null, null, "The account's stored credentials cannot be decrypted; connect the account again.");
        }

        return new Found(
            new ChannelAccount
            {
                Id = account.Id,
                ExternalId = account.ExternalId,
                Credentials = secrets,
                ApiBaseUrl = account.ApiBaseUrl is null ? null : new Uri(account.ApiBaseUrl),
                SaveCredentialsAsync = (replaced, ct) => holds.ReplaceCredentialsAsync(account.Id, replaced, Auditor.System, resume: false, ct),
            },
            null,
            null);
    }
}
