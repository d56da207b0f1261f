using System.Globalization;
using Broker.Accounts;
using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;

namespace Broker.Engagement;

/// <summary>
/// The account as an adapter reads it: its credentials decrypted and its base URL checked against the platform's
/// allow-list again (<see cref="ApiBaseUrlPolicy"/>), as for publishing; a refused account is never called.
/// </summary>
public sealed class EngagementChannels(ApiBaseUrlPolicy baseUrls, CredentialProtector credentials, AccountHolds holds)
{
    /// <summary>The account to call, or why it cannot be called.</summary>
    public (ChannelAccount? Channel, string? Refusal) Open(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (baseUrls.Refusal(account) is { } refused)
        {
            return (null, refused);
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
            return (null, "The account's stored credentials cannot be decrypted; connect the account again.");
        }

        return (new ChannelAccount
        {
            Id = account.Id,
            ExternalId = account.ExternalId,
            Credentials = secrets,
            ApiBaseUrl = account.ApiBaseUrl is null ? null : new Uri(account.ApiBaseUrl),
            SaveCredentialsAsync = (replaced, ct) => holds.ReplaceCredentialsAsync(account.Id, replaced, Auditor.System, resume: false, ct),
        }, null);
    }

    /// <summary>
    /// A mark of the account's connection: it changes when a person reconnects it, and not when a token is refreshed or an
    /// adapter saves a token it derived (the encrypted credentials change then too, so they cannot be the mark).
    /// </summary>
    public static string Mark(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return (account.ReconnectedAt ?? account.CreatedAt).UtcTicks.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A reading's values added up by kind, as the adapter names each metric's meaning.</summary>
    public static EngagementTotals Totals(IReadOnlyDictionary<string, long> values, Func<string, MetricKind> kindOf)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(kindOf);
        long reach = 0, views = 0, interactions = 0;
        foreach (var (name, value) in values)
        {
            switch (kindOf(name))
            {
                case MetricKind.Reach:
                    reach += value;
                    break;
                case MetricKind.Views:
                    views += value;
                    break;
                case MetricKind.Reactions or MetricKind.Comments or MetricKind.Shares or MetricKind.Saves:
                    interactions += value;
                    break;
            }
        }

        return new EngagementTotals { Reach = reach > 0 ? reach : views, Views = views, Interactions = interactions };
    }
}
