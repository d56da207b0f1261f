using Broker.Accounts;
using Broker.Audit;
using Broker.Events;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>
/// Holds an account's pending deliveries while its credentials are refused, and resumes them when new credentials are
/// stored.
/// </summary>
public sealed class AccountHolds(
    IAccountStore accounts,
    IDeliveryStore deliveries,
    IStateChanges changes,
    CredentialProtector protector,
    IDeliveryScheduler scheduler,
    Auditor audit,
    IAccountTurns turns,
    TimeProvider time)
{
    private static readonly DeliveryStatus[] Pending = [DeliveryStatus.Scheduled, DeliveryStatus.Retrying];

    /// <summary>
    /// Holds a due delivery of an account that needs re-authorisation. Returns false, holding nothing, when new
    /// credentials arrived in the meantime: the delivery should go now, with them.
    /// </summary>
    public async Task<bool> HoldForReauthorizationAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        // Holding for re-authorisation and replacing credentials (which resumes the holds) take turns (IAccountTurns).
        await using (await turns.TakeAsync(delivery.AccountId, cancellationToken))
        {
            var account = await accounts.GetAsync(delivery.AccountId, cancellationToken);
            if (account is not { Status: AccountStatus.NeedsReauth })
            {
                return false;
            }

            await HoldAsync(delivery, HoldReasons.Reauthorization(account), cancellationToken);
            return true;
        }
    }

    /// <summary>
    /// The platform refused the credentials an attempt of <paramref name="delivery"/> used: the account needs
    /// re-authorisation, and its pending deliveries and this one are held. Returns false, holding nothing, when the
    /// credentials were replaced after that attempt began (the refusal was of the old ones): the delivery should go again.
    /// </summary>
    public async Task<bool> CredentialsRefusedAsync(Delivery delivery, string reason, CancellationToken cancellationToken)
    {
        await using (await turns.TakeAsync(delivery.AccountId, cancellationToken))
        {
            var account = await accounts.GetAsync(delivery.AccountId, cancellationToken);
            if (account is null)
            {
                return false;
            }

            // Only a credential replacement makes an account active and newer: a refresh or a re-authorisation.
            if (account.Status == AccountStatus.Active && account.UpdatedAt > delivery.LastAttemptAt)
            {
                return false;
            }

            await MarkAndHoldAsync(account, reason, cancellationToken);
            await HoldAsync(delivery, HoldReasons.Reauthorization(reason), cancellationToken);
            return true;
        }
    }

    /// <summary>The account's credentials are dead (a refresh was refused): it needs re-authorisation and its pending deliveries are held.</summary>
    public async Task MarkNeedsReauthAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        await using (await turns.TakeAsync(accountId, cancellationToken))
        {
            if (await accounts.GetAsync(accountId, cancellationToken) is { } account)
            {
                await MarkAndHoldAsync(account, reason, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="delivery"/> over the version it was read at. False, holding nothing, when it changed
    /// meanwhile (cancelled, being published, already held): the change that won decides what happens to it.
    /// </summary>
    public async Task<bool> HoldAsync(Delivery delivery, HoldReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        delivery.Status = DeliveryStatus.Held;
        delivery.Explain(reason.Code, reason.Text);
        delivery.UpdatedAt = time.GetUtcNow();
        var change = new StateChange()
            .Update(delivery)
            .Record(audit.Entry(Auditor.System, "delivery.held", "delivery", delivery.Id, reason.Text))
            .Raise(DomainEvents.Delivery(EventTypes.DeliveryHeld, delivery, delivery.UpdatedAt));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return false;
        }

        await scheduler.UnscheduleAsync(delivery.Id, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stores new credentials (encrypted) before anything uses them. With <paramref name="resume"/>, a re-authorised account
    /// becomes active and its deliveries held for re-authorisation are scheduled again at once.
    /// </summary>
    public async Task ReplaceCredentialsAsync(string accountId, IReadOnlyDictionary<string, string> credentials, string actor, bool resume, CancellationToken cancellationToken)
    {
        await using (await turns.TakeAsync(accountId, cancellationToken))
        {
            await ReplaceCredentialsLockedAsync(accountId, credentials, actor, resume, cancellationToken);
        }
    }

    private async Task ReplaceCredentialsLockedAsync(string accountId, IReadOnlyDictionary<string, string> credentials, string actor, bool resume, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(accountId, cancellationToken)
            ?? throw new InvalidOperationException($"Account '{accountId}' does not exist.");
        account.ProtectedCredentials = protector.Protect(credentials);
        account.UpdatedAt = time.GetUtcNow();
        if (resume)
        {
            account.Status = AccountStatus.Active;
            account.StatusReason = null;
            account.ReconnectedAt = account.UpdatedAt;
        }

        var change = new StateChange().Update(account).Record(audit.Entry(actor, "account.credentialsReplaced", "account", account.Id, null));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            throw new InvalidOperationException($"Account '{accountId}' changed outside its turn; its credentials were not replaced.");
        }

        if (resume)
        {
            await ResumeAsync(accountId, cancellationToken);
        }
    }

    private async Task ResumeAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var held = await deliveries.ListByAccountAsync(accountId, [DeliveryStatus.Held], cancellationToken);
        var resumed = new List<DueDelivery>();
        foreach (var delivery in held.Where(d => d.Error?.StartsWith(HoldReasons.ReauthPrefix, StringComparison.Ordinal) == true))
        {
            delivery.Status = DeliveryStatus.Retrying;
            delivery.DueAt = DueTimes.Resumed(delivery, now);
            delivery.UpdatedAt = now;
            var change = new StateChange().Update(delivery).Record(audit.Entry(Auditor.System, "delivery.resumed", "delivery", delivery.Id, null));
            if (await changes.CommitAsync(change, cancellationToken))
            {
                resumed.Add(new DueDelivery(delivery.Id, delivery.DueAt));
            }
        }

        await scheduler.ScheduleAsync(resumed, cancellationToken);
    }

    private async Task MarkAndHoldAsync(Account account, string reason, CancellationToken cancellationToken)
    {
        if (account.Status == AccountStatus.NeedsReauth)
        {
            return;
        }

        account.Status = AccountStatus.NeedsReauth;
        account.StatusReason = reason;
        account.UpdatedAt = time.GetUtcNow();
        var change = new StateChange()
            .Update(account)
            .Record(audit.Entry(Auditor.System, "account.needsReauth", "account", account.Id, reason))
            .Raise(DomainEvents.Account(EventTypes.AccountNeedsReauthorization, account, account.UpdatedAt, ("reason", reason)));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return; // changed outside its turn (by another node's mark): that change held the deliveries
        }

        foreach (var pending in await deliveries.ListByAccountAsync(account.Id, Pending, cancellationToken))
        {
            await HoldAsync(pending, HoldReasons.Reauthorization(reason), cancellationToken);
        }
    }
}
