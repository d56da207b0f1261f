using Broker.Accounts;
using Broker.Api;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Guardrails;

/// <summary>
/// Suspends and resumes publishing for a scope. While suspended, the dispatcher leaves the scope's deliveries as they are
/// (not claimed, not failed) without a wake-up; on resume each goes out at the later of now and its due time, one
/// account's in their scheduled order, and one that waited longer than <see cref="DeliveryOptions.StaleAfter"/> is held
/// for an editor, as after an outage. Both are compare-and-set on the scope's document, audited, and raise an event.
/// </summary>
public sealed partial class SuspensionService(
    ISuspensionStore store,
    SuspensionCheck check,
    IAccountStore accounts,
    IOpdStore opds,
    IDeliveryStore deliveries,
    IStateChanges changes,
    IDeliveryScheduler scheduler,
    AccountHolds holds,
    UserTimes times,
    Auditor audit,
    IOptions<DeliveryOptions> delivery,
    IOptions<GuardrailsOptions> options,
    TimeProvider time,
    ILogger<SuspensionService> logger)
{
    public const int MaxReason = 500;

    private static readonly DeliveryStatus[] Waiting = [DeliveryStatus.Scheduled, DeliveryStatus.Retrying];

    /// <summary>The request's problems per field (the target must be an OPD or account that exists).</summary>
    public async Task<FieldErrors> CheckAsync(SuspendRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("reason", request.Reason, MaxReason);
        times.Coming(errors, "resumeAt", request.ResumeAt, TimeSpan.Zero);
        switch (ParseScope(request.Scope))
        {
            case null:
                errors.Add("scope", "scope must be city, opd or account.");
                break;
            case SuspensionScope.City when !string.IsNullOrEmpty(request.Target):
                errors.Add("target", "A suspension of the whole city has no target.");
                break;
            case SuspensionScope.Opd when string.IsNullOrEmpty(request.Target) || await opds.GetAsync(request.Target, cancellationToken) is null:
                errors.Add("target", MessageCodes.UnknownOpd, $"There is no OPD '{request.Target}'.", ("opd", request.Target));
                break;
            case SuspensionScope.Account when string.IsNullOrEmpty(request.Target) || await accounts.GetAsync(request.Target, cancellationToken) is null:
                errors.Add("target", MessageCodes.UnknownAccount, $"There is no account '{request.Target}'.", ("account", request.Target));
                break;
        }

        return errors;
    }

    public static SuspensionScope? ParseScope(string? scope) => scope?.Trim().ToLowerInvariant() switch
    {
        "city" => SuspensionScope.City,
        "opd" => SuspensionScope.Opd,
        "account" => SuspensionScope.Account,
        _ => null,
    };

    /// <summary>Suspends the scope of a checked request (<see cref="CheckAsync"/>); a conflict when it is suspended already.</summary>
    public async Task<(OperationResult Result, Suspension? Suspension)> SuspendAsync(SuspendRequest request, string actor, CancellationToken cancellationToken)
    {
        var scope = ParseScope(request.Scope)!.Value;
        var target = scope == SuspensionScope.City ? null : request.Target;
        var key = SuspensionScopes.Key(scope, target);
        var now = time.GetUtcNow();
        var stored = await store.GetAsync(key, cancellationToken);
        if (stored is not null && stored.IsActive(now))
        {
            return (Active(stored), null);
        }

        var suspension = stored ?? new Suspension { Id = key, SuspensionId = "", Reason = "", SuspendedBy = "" };
        suspension.Scope = scope;
        suspension.Target = target;
        suspension.SuspensionId = Guid.NewGuid().ToString("N");
        suspension.Reason = request.Reason!.Trim();
        suspension.SuspendedBy = actor;
        suspension.SuspendedAt = now;
        suspension.ResumeAt = request.ResumeAt;
        suspension.ResumedAt = null;
        suspension.ResumedBy = null;
        var won = stored is null ? await store.TryAddAsync(suspension, cancellationToken) : await store.TryReplaceAsync(suspension, cancellationToken);
        if (!won)
        {
            return (await LostAsync(key, cancellationToken), null);
        }

        check.Forget();
        var detail = $"{suspension.Reason}" + (suspension.ResumeAt is { } at ? $" (resumes at {at:u})" : "");
        await RecordAsync(suspension, actor, "publishing.suspended", EventTypes.PublishingSuspended, detail, cancellationToken);
        Log.Suspended(logger, key, actor, suspension.ResumeAt);
        return (OperationResult.Ok, suspension);
    }

    /// <summary>
    /// Resumes the scope <paramref name="key"/> and lets its waiting deliveries go. With <paramref name="onlySuspensionId"/>,
    /// only that suspension (the automatic resume must not end a newer one).
    /// </summary>
    public async Task<(OperationResult Result, Suspension? Suspension)> ResumeAsync(string key, string actor, CancellationToken cancellationToken, string? onlySuspensionId = null)
    {
        var suspension = await store.GetAsync(key, cancellationToken);
        if (suspension is null || suspension.ResumedAt is not null || (onlySuspensionId is not null && suspension.SuspensionId != onlySuspensionId))
        {
            return (OperationResult.Conflict(UserMessage.Of(MessageCodes.SuspensionNotActive, $"Publishing is not suspended for '{key}'.", ("target", key))), null);
        }

        var now = time.GetUtcNow();
        suspension.ResumedAt = now;
        suspension.ResumedBy = actor;
        if (!await store.TryReplaceAsync(suspension, cancellationToken))
        {
            return (await LostAsync(key, cancellationToken), null);
        }

        check.Forget();
        await RecordAsync(suspension, actor, "publishing.resumed", EventTypes.PublishingResumed, suspension.Reason, cancellationToken);
        var (released, held) = await ReleaseAsync(suspension, cancellationToken);
        Log.Resumed(logger, key, actor, released, held);
        return (OperationResult.Ok, suspension);
    }

    /// <summary>The waiting deliveries of the scope's accounts that nothing else still suspends: scheduled again, or held when stale.</summary>
    private async Task<(int Released, int Held)> ReleaseAsync(Suspension suspension, CancellationToken cancellationToken)
    {
        var scoped = suspension.Scope switch
        {
            SuspensionScope.City => await accounts.ListAsync(null, cancellationToken),
            SuspensionScope.Opd => await accounts.ListAsync(suspension.Target, cancellationToken),
            _ => await accounts.GetAsync(suspension.Target!, cancellationToken) is { } one ? [one] : [],
        };
        var now = time.GetUtcNow();
        var staleAfter = delivery.Value.StaleAfter;
        var spacing = options.Value.ResumeSpacing;
        int released = 0, held = 0;
        foreach (var account in scoped)
        {
            if (await check.CoveringAsync(account, cancellationToken, fresh: true) is not null)
            {
                continue; // still suspended by another scope: its own resume lets them go
            }

            var due = new List<DueDelivery>();
            var next = now;
            var waiting = await deliveries.ListByAccountAsync(account.Id, Waiting, cancellationToken);
            foreach (var pending in waiting.OrderBy(d => d.ScheduledAt).ThenBy(d => d.DueAt).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                if (pending.DueAt > now)
                {
                    continue; // its wake-up is still ahead and was never taken away
                }

                if (now - pending.DueAt > staleAfter)
                {
                    held += await holds.HoldAsync(pending, HoldReasons.StaleAfterSuspension(pending.DueAt, staleAfter), cancellationToken) ? 1 : 0;
                    continue;
                }

                due.Add(new DueDelivery(pending.Id, next));
                next += spacing;
            }

            await scheduler.ScheduleAsync(due, cancellationToken);
            released += due.Count;
        }

        return (released, held);
    }

    private async Task RecordAsync(Suspension suspension, string actor, string action, string eventType, string detail, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string> { ["scope"] = suspension.Id, ["reason"] = suspension.Reason };
        if (suspension.ResumeAt is { } at)
        {
            data["resumeAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        var change = new StateChange()
            .Record(audit.Entry(actor, action, "suspension", suspension.Id, detail))
            .Raise(new DomainEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                Type = eventType,
                ObjectType = "suspension",
                ObjectId = suspension.SuspensionId,
                OccurredAt = time.GetUtcNow(),
                Opd = suspension.Scope == SuspensionScope.Opd ? suspension.Target : null,
                Actor = actor,
                Data = data,
            });
        await changes.CommitAsync(change, cancellationToken);
    }

    private static OperationResult Active(Suspension stored) => OperationResult.Conflict(UserMessage.Of(MessageCodes.SuspensionActive,
        $"Publishing is already suspended for '{stored.Id}' since {stored.SuspendedAt:u} by {stored.SuspendedBy}: {stored.Reason}. Resume it first.",
        ("target", stored.Id),
        ("by", stored.SuspendedBy),
        ("reason", stored.Reason)));

    private async Task<OperationResult> LostAsync(string key, CancellationToken cancellationToken) =>
        await store.GetAsync(key, cancellationToken) is { } now && now.IsActive(time.GetUtcNow())
            ? Active(now)
            : OperationResult.Conflict(UserMessage.Of(MessageCodes.SuspensionChangedMeanwhile, $"The suspension of '{key}' was changed by someone else meanwhile. Nothing was done.", ("target", key)));

    private static partial class Log
    {
        [LoggerMessage(8411, LogLevel.Warning, "Publishing suspended for {Scope} by {Actor}; automatic resume at {ResumeAt}")]
        public static partial void Suspended(ILogger logger, string scope, string actor, DateTimeOffset? resumeAt);

        [LoggerMessage(8412, LogLevel.Warning, "Publishing resumed for {Scope} by {Actor}: {Released} deliveries released, {Held} stale ones held")]
        public static partial void Resumed(ILogger logger, string scope, string actor, int released, int held);
    }
}
