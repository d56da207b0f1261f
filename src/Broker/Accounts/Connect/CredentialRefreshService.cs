using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Accounts.Connect;

/// <summary>
/// At start and every <see cref="AccountConnectionOptions.RefreshInterval"/>, asks each platform's connector to renew
/// the credentials of its active accounts that are close to expiry, so an account that rarely publishes (whose
/// adapter would otherwise refresh only when publishing) does not lose its token. The connector stores what it renews
/// through the account's <see cref="ChannelAccount.SaveCredentialsAsync"/>; dead credentials put the account on hold.
/// </summary>
internal sealed partial class CredentialRefreshService(
    AccountConnections connections,
    IAccountStore accounts,
    ApiBaseUrlPolicy baseUrls,
    CredentialProtector protector,
    AccountHolds holds,
    IOptions<AccountConnectionOptions> options,
    TimeProvider time,
    ILogger<CredentialRefreshService> logger) : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.RefreshInterval;

    protected override string Purpose => "The refresh of credentials close to expiry";

    protected override bool RunsAtStart => true;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RefreshAllAsync(cancellationToken);

    public async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        foreach (var account in await accounts.ListAsync(opd: null, cancellationToken))
        {
            if (account.Status != AccountStatus.Active || connections.Connector(account.Platform) is not { } connector)
            {
                continue;
            }

            try
            {
                await RefreshAsync(connector, account, cancellationToken);
            }
#pragma warning disable CA1031 // One account's trouble (or a connector's bug) must not stop the others' refresh.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.RefreshThrew(Logger, ex, account.Id, account.Platform);
            }
        }
    }

    private async Task RefreshAsync(IAccountConnector connector, Account account, CancellationToken cancellationToken)
    {
        if (baseUrls.Refusal(account) is { } refused)
        {
            await holds.MarkNeedsReauthAsync(account.Id, refused, cancellationToken);
            return;
        }

        var channel = new ChannelAccount
        {
            Id = account.Id,
            ExternalId = account.ExternalId,
            Credentials = protector.Unprotect(account.ProtectedCredentials),
            ApiBaseUrl = account.ApiBaseUrl is null ? null : new Uri(account.ApiBaseUrl),
            SaveCredentialsAsync = (renewed, ct) => holds.ReplaceCredentialsAsync(account.Id, renewed, Auditor.System, resume: false, ct),
        };
        switch (await connector.RefreshAsync(channel, cancellationToken))
        {
            case CredentialRefresh.Refreshed refreshed:
                Log.Refreshed(Logger, account.Id, account.Platform, refreshed.ExpiresAt);
                break;
            case CredentialRefresh.NeedsReauthorization dead:
                await holds.MarkNeedsReauthAsync(account.Id, dead.Reason, cancellationToken);
                break;
            case CredentialRefresh.Failed failed:
                Log.NotRefreshed(Logger, account.Id, account.Platform, failed.Reason);
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Refreshed the credentials of {Platform} account {AccountId}; they now expire at {ExpiresAt}")]
        public static partial void Refreshed(ILogger logger, string accountId, string platform, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 1511, Level = LogLevel.Warning, Message = "Could not refresh the credentials of {Platform} account {AccountId} this time: {Reason}")]
        public static partial void NotRefreshed(ILogger logger, string accountId, string platform, string reason);

        [LoggerMessage(EventId = 1512, Level = LogLevel.Error, Message = "Refreshing the credentials of {Platform} account {AccountId} failed unexpectedly")]
        public static partial void RefreshThrew(ILogger logger, Exception exception, string accountId, string platform);
    }
}
