using Broker.Adapters;
using Broker.Audit;
using Broker.Events;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch.CircuitBreaker;

/// <summary>
/// Where the dispatcher meets the accounts' circuit breakers: it lets a delivery through, or moves it to the end of its
/// account's break without an attempt; it counts each attempt's outcome and acts when a circuit opens or closes.
/// </summary>
public sealed partial class CircuitGate(
    AccountCircuitBreakers circuits,
    IAccountStore accounts,
    IDeliveryStore deliveries,
    IStateChanges changes,
    IDeliveryScheduler scheduler,
    Auditor audit,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<CircuitGate> logger)
{
    /// <summary>
    /// Null when the delivery may call its platform now. Otherwise its account's circuit is open and the delivery already
    /// waits for the break to end, keeping its attempts (<see cref="CircuitEntry.Waiting"/>), or the break outlasts the
    /// delivery's deadline and the returned entry carries the outcome that ends it.
    /// </summary>
    public async Task<CircuitEntry?> EnterAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var pass = circuits.TryPass(delivery.AccountId, delivery.Id);
        if (pass.WaitUntil is not { } until)
        {
            return null;
        }

        if (until > DueTimes.Deadline(delivery, options.Value.Deadline))
        {
            return new CircuitEntry(new PublishOutcome.Failed($"{pass.Reason} (gave up: the circuit stays open past the delivery's deadline)"));
        }

        delivery.DueAt = until;
        delivery.Explain(DeliveryReasonCodes.CircuitOpen, pass.Reason);
        delivery.UpdatedAt = time.GetUtcNow();
        if (!await changes.CommitAsync(new StateChange().Update(delivery), cancellationToken))
        {
            return CircuitEntry.Waiting; // changed meanwhile (cancelled, held): that change decides its next step
        }

        await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, until)], cancellationToken);

        // The circuit may have closed since TryPass: its release was then scheduled before this wait and overwritten by
        // it. Asked after scheduling, so a close that comes later schedules its release after this wait, never before.
        if (!circuits.Holds(delivery.AccountId, delivery.Id))
        {
            var resumed = DueTimes.Resumed(delivery, time.GetUtcNow());
            Log.ReleasedWhileEntering(logger, delivery.Id, delivery.AccountId, resumed);
            await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, resumed)], cancellationToken);
            return CircuitEntry.Waiting;
        }

        Log.Waiting(logger, delivery.Id, delivery.AccountId, until);
        return CircuitEntry.Waiting;
    }

    /// <summary>
    /// Counts the outcome of an attempt that went through (null: it ended without one). Call it before the outcome is
    /// recorded, so a retry scheduled for "now" already finds the circuit open.
    /// </summary>
    public async Task LeaveAsync(Delivery delivery, PublishOutcome? outcome, CancellationToken cancellationToken)
    {
        if (outcome is null)
        {
            circuits.Abandon(delivery.AccountId, delivery.Id);
            return;
        }

        var accountId = delivery.AccountId;
        switch (circuits.Record(accountId, delivery.Id, outcome))
        {
            case CircuitChange.Opened opened:
                Log.Opened(logger, accountId, opened.Failures, opened.Until, opened.LastFailure);
                var detail = $"{opened.Failures} failures in a row; waiting until {opened.Until:u}. Last: {opened.LastFailure}";
                await changes.CommitAsync(await CircuitOpenedAsync(accountId, opened, detail, cancellationToken), cancellationToken);
                break;
            case CircuitChange.Closed closed:
                Log.Closed(logger, accountId, closed.Released.Count);
                await audit.RecordAsync(Auditor.System, "account.circuitClosed", "account", accountId, null, cancellationToken);
                await scheduler.ScheduleAsync(await ReleasedAsync(closed.Released, cancellationToken), cancellationToken);
                break;
        }
    }

    // The circuit lives in memory; its opening is an audit entry and an event, written in one commit.
    private async Task<StateChange> CircuitOpenedAsync(string accountId, CircuitChange.Opened opened, string detail, CancellationToken cancellationToken)
    {
        var change = new StateChange().Record(audit.Entry(Auditor.System, "account.circuitOpened", "account", accountId, detail));
        if (await accounts.GetAsync(accountId, cancellationToken) is { } account)
        {
            change.Raise(DomainEvents.Account(
                EventTypes.AccountCircuitOpened, account, time.GetUtcNow(), ("reason", opened.LastFailure), ("until", DomainEvents.At(opened.Until)), ("failures", DomainEvents.Count(opened.Failures))));
        }

        return change;
    }

    // Released at once, but never before their scheduled time (an embargo outlasts a circuit break).
    private async Task<List<DueDelivery>> ReleasedAsync(IReadOnlyCollection<string> released, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<DueDelivery>(released.Count);
        foreach (var id in released)
        {
            if (await deliveries.GetAsync(id, cancellationToken) is { } delivery)
            {
                due.Add(new DueDelivery(id, DueTimes.Resumed(delivery, now)));
            }
        }

        return due;
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Warning, "Account {AccountId} failed {Failures} times in a row; its circuit is open until {Until}. Last failure: {LastFailure}")]
        public static partial void Opened(ILogger logger, string accountId, int failures, DateTimeOffset until, string lastFailure);

        [LoggerMessage(3102, LogLevel.Information, "Account {AccountId} answers again; its circuit is closed and {Released} waiting deliveries go now")]
        public static partial void Closed(ILogger logger, string accountId, int released);

        [LoggerMessage(3103, LogLevel.Debug, "Delivery {DeliveryId} waits for account {AccountId}'s circuit until {Until}")]
        public static partial void Waiting(ILogger logger, string deliveryId, string accountId, DateTimeOffset until);

        [LoggerMessage(3104, LogLevel.Debug, "Delivery {DeliveryId} was released by account {AccountId}'s circuit while it began to wait; it goes at {At}")]
        public static partial void ReleasedWhileEntering(ILogger logger, string deliveryId, string accountId, DateTimeOffset at);
    }
}
