using System.Collections.Concurrent;
using System.Diagnostics;
using Broker.Accounts;
using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Cluster;
using Broker.Dispatch.CircuitBreaker;
using Broker.Events;
using Broker.Guardrails;
using Broker.Intake;
using Broker.Scheduling;
using Broker.Storage;
using Broker.Telemetry;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// Publishes one due delivery through its platform's adapter and records what came of it. Every outcome is a state:
/// published, retrying at a time, held for re-authorisation, or failed with the platform's reason. An adapter's
/// exception never escapes to the scheduler or to other deliveries.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IDeliveryStore deliveries,
    IStateChanges changes,
    IAccountStore accounts,
    AdapterRegistry adapters,
    ApiBaseUrlPolicy baseUrls,
    CredentialProtector credentials,
    MediaFiles media,
    IDeliveryScheduler scheduler,
    ItemProgressQueue items,
    AccountHolds holds,
    IIntentJournal journal,
    BrokerNode node,
    CircuitGate circuit,
    SuspensionCheck suspensions,
    Auditor audit,
    BrokerMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger)
{
    /// <summary>Times saving an outcome is tried before the failure is left to the publishing sweep.</summary>
    private const int SaveAttempts = 5;

    /// <summary>Deliveries being handled, each with whether its trigger fired again meanwhile.</summary>
    private readonly ConcurrentDictionary<string, bool> inFlight = new();

    /// <summary>Whether this process is handling delivery <paramref name="deliveryId"/> now (the sweep leaves those alone).</summary>
    public bool IsInFlight(string deliveryId) => inFlight.ContainsKey(deliveryId);

    public async Task DispatchAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // A trigger that fires while the same delivery is still being handled (a retry due at once, a release from an
        // open circuit) must not be lost: the running dispatch goes round once more instead.
        while (!inFlight.TryAdd(deliveryId, false))
        {
            if (inFlight.TryUpdate(deliveryId, true, false) || (inFlight.TryGetValue(deliveryId, out var again) && again))
            {
                return;
            }
        }

        try
        {
            while (true)
            {
                await DispatchOnceAsync(deliveryId, cancellationToken);
                if (inFlight.TryRemove(KeyValuePair.Create(deliveryId, false)))
                {
                    return;
                }

                inFlight[deliveryId] = false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            inFlight.TryRemove(deliveryId, out _);
            throw; // stopping: start-up recovery schedules it again
        }
#pragma warning disable CA1031 // A bug before the platform call must not leave the delivery with no wake-up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            inFlight.TryRemove(deliveryId, out _);
            await WakeAgainAsync(deliveryId, ex);
        }
    }

    private async Task WakeIfStillPendingAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(deliveryId, cancellationToken) is { Status: DeliveryStatus.Scheduled or DeliveryStatus.Retrying } pending)
        {
            // Never at once: a mark that keeps losing must not spin.
            var soonest = time.GetUtcNow() + options.Value.FirstRetryDelay;
            var at = pending.DueAt > soonest ? pending.DueAt : soonest;
            Log.MarkLost(logger, deliveryId, at);
            await scheduler.ScheduleAsync([new DueDelivery(deliveryId, at)], cancellationToken);
        }
    }

    // Whatever threw, the delivery keeps its state (a publishing one is the sweep's); it gets a wake-up after the first
    // retry delay, and the next dispatch reads it afresh, so a passing fault costs a delay, never the post.
    private async Task WakeAgainAsync(string deliveryId, Exception exception)
    {
        var at = time.GetUtcNow() + options.Value.FirstRetryDelay;
        Log.DispatchThrew(logger, exception, deliveryId, at);
        try
        {
            await scheduler.ScheduleAsync([new DueDelivery(deliveryId, at)], CancellationToken.None);
        }
#pragma warning disable CA1031 // The scheduler itself is failing: the publishing sweep and start-up recovery remain.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.WakeUpLost(logger, ex, deliveryId);
        }
    }

    private async Task DispatchOnceAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // A span per pass; the adapter's HTTP calls are its children, and FinishAsync names its outcome.
        using var activity = BrokerActivities.Source.StartActivity("dispatch delivery");
        activity?.SetTag("broker.delivery.id", deliveryId);
        var delivery = await deliveries.GetAsync(deliveryId, cancellationToken);
        if (delivery is null)
        {
            Log.NotFound(logger, deliveryId);
            activity?.SetTag("broker.outcome", "missing");
            return;
        }

        activity?.SetTag("broker.item.id", delivery.ItemId).SetTag("broker.platform", delivery.Platform).SetTag("broker.account.id", delivery.AccountId);
        if (delivery.Status is not (DeliveryStatus.Scheduled or DeliveryStatus.Retrying))
        {
            activity?.SetTag("broker.outcome", "skipped");
            return;
        }

        // A wake-up that comes early (a circuit's release, a moved retry) never publishes before the scheduled time. A
        // second's slack: a trigger may fire a fraction early in the scheduler's own precision, and must not loop.
        if (delivery.ScheduledAt - time.GetUtcNow() > TimeSpan.FromSeconds(1))
        {
            activity?.SetTag("broker.outcome", "early");
            await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, delivery.ScheduledAt)], cancellationToken);
            return;
        }

        var account = await accounts.GetAsync(delivery.AccountId, cancellationToken);
        if (account is null)
        {
            await FinishAsync(delivery, new PublishOutcome.Failed($"Account '{delivery.AccountId}' no longer exists."), cancellationToken);
            return;
        }

        if (await suspensions.CoveringAsync(account, cancellationToken) is { } suspension)
        {
            activity?.SetTag("broker.outcome", "suspended");
            await WaitForResumeAsync(delivery, account, suspension, cancellationToken);
            return;
        }

        if (account.Status == AccountStatus.NeedsReauth)
        {
            if (await holds.HoldForReauthorizationAsync(delivery, cancellationToken))
            {
                return;
            }

            account = await accounts.GetAsync(delivery.AccountId, cancellationToken) ?? account; // with its new credentials
        }

        var adapter = adapters.Find(delivery.Platform);
        if (adapter is null)
        {
            await FinishAsync(delivery, new PublishOutcome.Failed($"No adapter is loaded for platform '{delivery.Platform}'."), cancellationToken);
            return;
        }

        // Checked again at every attempt: an account stored before the allow-list, or written around it, sends nothing.
        if (baseUrls.Refusal(account) is { } refused)
        {
            await FinishAsync(delivery, new PublishOutcome.Failed(refused), cancellationToken);
            return;
        }

        if (await circuit.EnterAsync(delivery, cancellationToken) is { } heldBack)
        {
            if (heldBack.Ending is { } ending)
            {
                await FinishAsync(delivery, ending, cancellationToken, circuitGaveUp: true);
            }
            else
            {
                activity?.SetTag("broker.outcome", "circuitOpen");
            }

            return;
        }

        PublishOutcome? outcome = null;
        try
        {
            var marked = await MarkPublishingAsync(delivery, cancellationToken);
            if (!marked.Won)
            {
                // Changed meanwhile: that change won, and the platform is not called. A change that left the delivery
                // pending (a circuit's wait, an adapter's progress) keeps it due, so it gets its wake-up again.
                await WakeIfStillPendingAsync(deliveryId, cancellationToken);
                return;
            }

            outcome = marked.Instead ?? await PublishAsync(adapter, delivery, account, cancellationToken);
        }
        finally
        {
            await circuit.LeaveAsync(delivery, outcome, CancellationToken.None);
        }

        await FinishAsync(delivery, outcome, cancellationToken);
    }

    /// <summary>
    /// Publishing is suspended for the delivery's account: it is not claimed and not failed; it keeps its state and loses
    /// its wake-up, and the resume schedules it again (<see cref="SuspensionService"/>). Should the resume have come between
    /// the check and the unscheduling, a fresh read sees it and the delivery is woken now instead.
    /// </summary>
    private async Task WaitForResumeAsync(Delivery delivery, Account account, Suspension suspension, CancellationToken cancellationToken)
    {
        Log.Suspended(logger, delivery.Id, suspension.Id);
        await scheduler.UnscheduleAsync(delivery.Id, cancellationToken);
        if (await suspensions.CoveringAsync(account, cancellationToken, fresh: true) is null)
        {
            await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, time.GetUtcNow())], cancellationToken);
        }
    }

    /// <summary>
    /// Moves the delivery to publishing over the version it was read at, claimed by this node, and journals the intent,
    /// together: both must be done before the platform is called. On LiteDB the journal line, not the mark (which LiteDB
    /// does not make durable), is what recovery trusts after a crash; the mark is what a concurrent cancel loses to. Each
    /// is a group commit shared with the other deliveries starting now, so awaiting both costs one fsync's time, not two.
    /// On PostgreSQL the committed mark is the intent record (<see cref="ClaimIntentJournal"/>).
    /// </summary>
    private async Task<Marked> MarkPublishingAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatus.Publishing;
        delivery.ClaimedBy = node.Id;
        delivery.Attempts++;
        delivery.FirstAttemptAt ??= now;
        delivery.LastAttemptAt = now;
        delivery.UpdatedAt = now;
        var marked = changes.CommitAsync(new StateChange().Update(delivery), cancellationToken);
        var journaled = journal.RecordAsync(delivery.Id, cancellationToken);
        Exception? unjournaled = null;
        try
        {
            await journaled;
        }
#pragma warning disable CA1031 // Becomes the delivery's outcome below: without the journal line the platform is not called.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            unjournaled = ex;
        }

        if (!await marked)
        {
            return new Marked(false, null);
        }

        if (unjournaled is not null)
        {
            Log.JournalFailed(logger, unjournaled, delivery.Id);
            return new Marked(true, new PublishOutcome.Transient($"The intent to publish could not be made durable ({unjournaled.GetType().Name}); the platform was not called.", null));
        }

        return new Marked(true, null);
    }

    /// <summary>Whether the publishing mark won; if it did, an outcome that ends the attempt before the platform is called.</summary>
    private readonly record struct Marked(bool Won, PublishOutcome? Instead);

    /// <summary>
    /// Builds the request and calls the adapter. Whatever fails on the way (credentials the key ring no longer opens, a
    /// photo that cannot be read) becomes an outcome, so the delivery never stays publishing.
    /// </summary>
    private async Task<PublishOutcome> PublishAsync(IChannelAdapter adapter, Delivery delivery, Account account, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> secrets;
        try
        {
            secrets = credentials.Unprotect(account.ProtectedCredentials);
        }
#pragma warning disable CA1031 // Whatever the cause (a rotated or lost key ring, a damaged value), the account needs new credentials.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CredentialsUnreadable(logger, ex, delivery.Id, account.Id);
            return new PublishOutcome.NeedsReauthorization(
                "The account's stored credentials cannot be decrypted (was the key ring rotated or lost?); connect the account again.");
        }

        PublishRequest request;
        try
        {
            request = await BuildRequestAsync(delivery, account, secrets, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PublishOutcome.Transient("The broker stopped before the platform was called.", null);
        }
#pragma warning disable CA1031 // Becomes the delivery's outcome; the platform was not called, so a retry is safe.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RequestFailed(logger, ex, delivery.Id);
            return new PublishOutcome.Transient($"The post could not be prepared ({ex.GetType().Name}: {ex.Message}).", null);
        }

        return await AttemptAsync(adapter, delivery, request, cancellationToken);
    }

    private async Task<PublishOutcome> AttemptAsync(IChannelAdapter adapter, Delivery delivery, PublishRequest request, CancellationToken cancellationToken)
    {
        var late = time.GetUtcNow() - delivery.DueAt;
        metrics.PlatformCallLate(delivery.Platform, late > TimeSpan.Zero ? late : TimeSpan.Zero);
        var started = time.GetTimestamp();
        try
        {
            if (delivery.NeedsReconcile)
            {
                var found = await adapter.FindPublishedAsync(request, cancellationToken);
                if (found is not null)
                {
                    Log.Reconciled(logger, delivery.Id, found.GetType().Name);
                    return found is PublishOutcome.Published ? found : KeepReconciling(found);
                }
            }

            return await adapter.PublishAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PublishOutcome.Unknown("The broker stopped while the platform call was in progress.");
        }
#pragma warning disable CA1031 // One adapter's bug must not take down the dispatcher; the outcome is recorded as unknown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AdapterThrew(logger, ex, delivery.Id, delivery.Platform);
            return new PublishOutcome.Unknown($"The {delivery.Platform} adapter failed unexpectedly ({ex.GetType().Name}).");
        }
        finally
        {
            metrics.PlatformCalled(delivery.Platform, time.GetElapsedTime(started));
        }
    }

    // The platform could not say whether the earlier attempt's post exists: wait and look again, never publish blindly.
    // A refused lookup is no verdict on the post either: failing the delivery would leave a post it may have made unknown.
    private static PublishOutcome KeepReconciling(PublishOutcome lookup) => lookup switch
    {
        PublishOutcome.Transient t => new PublishOutcome.Unknown("Could not yet check for an earlier post: " + t.Reason),
        PublishOutcome.Failed f => new PublishOutcome.Unknown("Could not check for an earlier post: " + f.Reason),
        _ => lookup,
    };

    private async Task<PublishRequest> BuildRequestAsync(Delivery delivery, Account account, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken)
    {
        var photos = await media.ResolveAsync(delivery.MediaIds, cancellationToken);
        return new PublishRequest
        {
            DeliveryId = delivery.Id,
            Attempt = delivery.Attempts,
            FirstAttemptAt = delivery.FirstAttemptAt ?? time.GetUtcNow(),
            Account = new ChannelAccount
            {
                Id = account.Id,
                ExternalId = account.ExternalId,
                Credentials = secrets,
                ApiBaseUrl = account.ApiBaseUrl is null ? null : new Uri(account.ApiBaseUrl),
                SaveCredentialsAsync = (replaced, ct) => holds.ReplaceCredentialsAsync(account.Id, replaced, Auditor.System, resume: false, ct),
            },
            Post = new RenderedPost
            {
                Text = delivery.Text,
                Link = delivery.Link is null ? null : new Uri(delivery.Link),
                Media = photos,
            },
            Progress = new DeliveryProgress(delivery, changes, time),
        };
    }

    private async Task FinishAsync(Delivery delivery, PublishOutcome outcome, CancellationToken cancellationToken, bool circuitGaveUp = false)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        switch (outcome)
        {
            case PublishOutcome.Published published:
                delivery.Status = DeliveryStatus.Published;
                delivery.RemotePostId = published.RemotePostId;
                delivery.Permalink = Permalinks.Keep(published.Permalink, delivery, logger);
                delivery.PublishedAt = now;
                delivery.NeedsReconcile = false;
                delivery.Explain(null, null);
                break;
            case PublishOutcome.RateLimited limited:
                Retry(delivery, DeliveryReasonCodes.RateLimited, limited.Reason, limited.Until > now ? limited.Until : now);
                break;
            case PublishOutcome.NeedsReauthorization reauth:
                if (await holds.CredentialsRefusedAsync(delivery, reauth.Reason, cancellationToken))
                {
                    CountOutcome(delivery.Platform, "held");
                    return;
                }

                Retry(delivery, DeliveryReasonCodes.Retrying, reauth.Reason, now); // new credentials arrived during the attempt: try them
                break;
            case PublishOutcome.Failed failed:
                delivery.Status = DeliveryStatus.Failed;
                delivery.Explain(circuitGaveUp ? DeliveryReasonCodes.CircuitGaveUp : DeliveryReasonCodes.Refused, failed.Reason);
                break;
            case PublishOutcome.Transient transient:
                RetryOrGiveUp(delivery, transient.Reason, transient.RetryAt, settings, now);
                break;
            case PublishOutcome.Unknown unknown:
                delivery.NeedsReconcile = true;
                RetryOrGiveUp(delivery, unknown.Reason, null, settings, now);
                break;
        }

        delivery.UpdatedAt = now;

        var change = new StateChange().Update(delivery);
        if (delivery.Status != DeliveryStatus.Retrying)
        {
            change.Record(audit.Entry(Auditor.System, "delivery." + Naming.Camel(delivery.Status), "delivery", delivery.Id, delivery.Error));
        }

        if (delivery.Status is DeliveryStatus.Published or DeliveryStatus.Failed)
        {
            var type = delivery.Status == DeliveryStatus.Published ? EventTypes.DeliveryPublished : EventTypes.DeliveryFailed;
            change.Raise(DomainEvents.Delivery(type, delivery, now));
        }

        if (!await SaveOutcomeAsync(delivery, change, cancellationToken))
        {
            return;
        }

        Log.Finished(logger, delivery.Id, delivery.Platform, delivery.Status, delivery.Error);
        CountOutcome(delivery.Platform, OutcomeName(delivery.Status));
        if (delivery.Status == DeliveryStatus.Retrying)
        {
            await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, delivery.DueAt)], cancellationToken);
        }

        await items.EnqueueAsync(delivery.ItemId);
    }

    /// <summary>
    /// Stores the outcome with its audit entry, over the version the dispatcher holds. A failed write is tried again a
    /// few times with a growing pause; should it never succeed, the delivery stays publishing and the sweep reconciles it.
    /// False when the outcome was not stored.
    /// </summary>
    private async Task<bool> SaveOutcomeAsync(Delivery delivery, StateChange change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await changes.CommitAsync(change, cancellationToken))
                {
                    return true;
                }

                Log.OutcomeLost(logger, delivery.Id, delivery.Status);
                return false;
            }
            catch (Exception ex) when (attempt < SaveAttempts && ex is not OperationCanceledException)
            {
                Log.SaveFailed(logger, ex, delivery.Id, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), time, cancellationToken);
            }
        }
    }

    private void CountOutcome(string platform, string outcome)
    {
        metrics.DeliveryFinished(platform, outcome);
        Activity.Current?.SetTag("broker.outcome", outcome);
    }

    private static string OutcomeName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Published => "published",
        DeliveryStatus.Retrying => "retrying",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.Held => "held",
        _ => "other",
    };

    private static void Retry(Delivery delivery, string code, string reason, DateTimeOffset at)
    {
        delivery.Status = DeliveryStatus.Retrying;
        delivery.Explain(code, reason);
        delivery.DueAt = at;
    }

    private static void RetryOrGiveUp(Delivery delivery, string reason, DateTimeOffset? at, DeliveryOptions settings, DateTimeOffset now)
    {
        delivery.FailedAttempts++;
        var next = at ?? now + Backoff(delivery.FailedAttempts, settings);
        if (delivery.FailedAttempts >= settings.MaxAttempts || next > DueTimes.Deadline(delivery, settings.Deadline))
        {
            delivery.Status = DeliveryStatus.Failed;
            var maybe = delivery.NeedsReconcile ? "; an earlier attempt may have published it, check the account before a retry" : string.Empty;
            delivery.Explain(DeliveryReasonCodes.GaveUp, $"{reason} (gave up after {delivery.Attempts} attempts{maybe})");
            return;
        }

        Retry(delivery, delivery.NeedsReconcile ? DeliveryReasonCodes.OutcomeUnknown : DeliveryReasonCodes.Retrying, reason, next);
    }

    private static TimeSpan Backoff(int failures, DeliveryOptions settings)
    {
        var exponential = settings.FirstRetryDelay * Math.Pow(2, failures - 1);
        var capped = exponential > settings.MaxRetryDelay ? settings.MaxRetryDelay : exponential;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Delivery {DeliveryId} to {Platform} is now {Status} {Error}")]
        public static partial void Finished(ILogger logger, string deliveryId, string platform, DeliveryStatus status, string? error);

        [LoggerMessage(3002, LogLevel.Error, "The {Platform} adapter threw while publishing delivery {DeliveryId}")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string deliveryId, string platform);

        [LoggerMessage(3003, LogLevel.Information, "Delivery {DeliveryId} reconciled with the platform: {Outcome}")]
        public static partial void Reconciled(ILogger logger, string deliveryId, string outcome);

        [LoggerMessage(3004, LogLevel.Error, "The stored credentials of account {AccountId} cannot be decrypted; delivery {DeliveryId} is held for re-authorisation")]
        public static partial void CredentialsUnreadable(ILogger logger, Exception exception, string deliveryId, string accountId);

        [LoggerMessage(3005, LogLevel.Error, "The request for delivery {DeliveryId} could not be prepared; it is retried")]
        public static partial void RequestFailed(ILogger logger, Exception exception, string deliveryId);

        [LoggerMessage(3006, LogLevel.Warning, "Saving the outcome of delivery {DeliveryId} failed (attempt {Attempt}); trying again")]
        public static partial void SaveFailed(ILogger logger, Exception exception, string deliveryId, int attempt);

        [LoggerMessage(3007, LogLevel.Warning, "The outcome {Status} of delivery {DeliveryId} was not stored: the delivery was changed meanwhile")]
        public static partial void OutcomeLost(ILogger logger, string deliveryId, DeliveryStatus status);

        [LoggerMessage(3011, LogLevel.Warning, "Delivery {DeliveryId} woke up but is not in the store")]
        public static partial void NotFound(ILogger logger, string deliveryId);

        [LoggerMessage(3012, LogLevel.Warning, "Delivery {DeliveryId} changed before it could be marked publishing and is still pending; it is woken again at {DueAt}")]
        public static partial void MarkLost(ILogger logger, string deliveryId, DateTimeOffset dueAt);

        [LoggerMessage(3009, LogLevel.Error, "Dispatching delivery {DeliveryId} failed unexpectedly; it is woken again at {At}")]
        public static partial void DispatchThrew(ILogger logger, Exception exception, string deliveryId, DateTimeOffset at);

        [LoggerMessage(3010, LogLevel.Critical, "Delivery {DeliveryId} could not be given a new wake-up after a failed dispatch; a restart schedules it")]
        public static partial void WakeUpLost(ILogger logger, Exception exception, string deliveryId);

        [LoggerMessage(3013, LogLevel.Information, "Delivery {DeliveryId} waits: publishing is suspended for {Scope}")]
        public static partial void Suspended(ILogger logger, string deliveryId, string scope);

        [LoggerMessage(3008, LogLevel.Error, "The intent to publish delivery {DeliveryId} could not be journaled; it is retried without calling the platform")]
        public static partial void JournalFailed(ILogger logger, Exception exception, string deliveryId);
    }
}
