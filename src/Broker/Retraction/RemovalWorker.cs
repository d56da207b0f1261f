using Broker.Accounts;
using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Cluster;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Retraction;

/// <summary>
/// Deletes the posts of retracted items, one at a time, from what the store says (<see cref="DeliveryStatus.Removing"/>):
/// at start (which completes a retraction a crash interrupted), when a retraction wakes it, and every
/// <see cref="RetractionOptions.SweepInterval"/> (retries that came due, and on PostgreSQL claims a dead node left).
/// Each delete is claimed first by compare-and-set, so of several nodes one calls the platform; a crash between the
/// delete and its record makes the next pass delete again, which the adapters answer as "already gone".
/// </summary>
public sealed partial class RemovalWorker(
    IDeliveryStore deliveries,
    IStateChanges changes,
    AdapterRegistry adapters,
    DeliveryChannels channels,
    BrokerNode node,
    Auditor audit,
    IOptions<RetractionOptions> options,
    TimeProvider time,
    ILogger<RemovalWorker> logger) : WokenSweep(time, logger)
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private bool startUp = true;
    private TimeSpan? lookAgainIn;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Purpose => "A pass of removing retracted posts";

    protected override bool RunsAtStart => true;

    /// <summary>A delete to retry is looked at again when it comes due, before the next sweep.</summary>
    protected override TimeSpan? LookAgainIn => lookAgainIn;

    protected override Task WaitForWakeAsync(CancellationToken cancellationToken) => wake.WaitAsync(cancellationToken);

    protected override async Task<bool> RunBatchAsync(CancellationToken cancellationToken)
    {
        lookAgainIn = null;
        var next = await PassAsync(startUp, cancellationToken);
        startUp = false;
        lookAgainIn = next < options.Value.SweepInterval ? next : null;
        return false;
    }

    /// <summary>Asks for a pass now (a retraction was committed).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>
    /// Removes every post due for removal; at start-up also those this node (on LiteDB, the one node) had claimed when it
    /// stopped. Returns how long to wait before the next pass.
    /// </summary>
    internal async Task<TimeSpan> PassAsync(bool startUp, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pending = await deliveries.ListByStatusAsync([DeliveryStatus.Removing], cancellationToken);
        var next = settings.SweepInterval;
        foreach (var delivery in pending.OrderBy(d => d.DueAt))
        {
            var now = Time.GetUtcNow();
            var mine = startUp && delivery.ClaimedBy == node.Id;
            if (delivery.DueAt <= now || mine)
            {
                await RemoveAsync(delivery, cancellationToken);
                now = Time.GetUtcNow();
            }

            // A delete to retry (or another node's claim) is looked at again when it comes due.
            if (delivery.Status == DeliveryStatus.Removing && delivery.DueAt - now < next)
            {
                next = delivery.DueAt > now ? delivery.DueAt - now : TimeSpan.Zero;
            }
        }

        return next;
    }

    private async Task RemoveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        delivery.ClaimedBy = node.Id;
        delivery.DueAt = now + options.Value.ClaimLease;
        delivery.RemovalAttempts++;
        delivery.UpdatedAt = now;
        if (!await changes.CommitAsync(new StateChange().Update(delivery), cancellationToken))
        {
            return; // another node (or a confirmation) took it
        }

        var (outcome, refusedBy) = await CallAsync(delivery, cancellationToken);
        await RecordAsync(delivery, outcome, refusedBy, cancellationToken);
    }

    /// <summary>The outcome, and the reason code when the broker itself refused the call (no platform was asked).</summary>
    private async Task<(RemovalOutcome Outcome, string? RefusedBy)> CallAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (adapters.Find(delivery.Platform) is not IPostRemover remover)
        {
            return (new RemovalOutcome.CannotRemove($"The {delivery.Platform} adapter cannot delete posts."), DeliveryReasonCodes.RemovalUnsupported);
        }

        var found = await channels.ForAsync(delivery, cancellationToken);
        if (found.Account is not { } channel)
        {
            return found.Reauthorize is { } reason
                ? (new RemovalOutcome.NeedsReauthorization(reason), null)
                : (new RemovalOutcome.CannotRemove(found.Refused!), DeliveryReasonCodes.AccountRefused);
        }

        try
        {
            return (await remover.RemoveAsync(channel, delivery.RemotePostId!, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the claim lapses and the next start deletes again, harmlessly
        }
#pragma warning disable CA1031 // One adapter's bug must not stop the other removals; deleting again is harmless.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AdapterThrew(Logger, ex, delivery.Id, delivery.Platform);
            return (new RemovalOutcome.Transient($"The {delivery.Platform} adapter failed unexpectedly ({ex.GetType().Name})."), null);
        }
    }

    private async Task RecordAsync(Delivery delivery, RemovalOutcome outcome, string? refusedBy, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        delivery.ClaimedBy = null;
        delivery.UpdatedAt = now;
        switch (outcome)
        {
            case RemovalOutcome.Removed:
            case RemovalOutcome.AlreadyGone:
                delivery.Status = DeliveryStatus.Removed;
                delivery.RemovedAt = now;
                delivery.Explain(outcome is RemovalOutcome.AlreadyGone ? DeliveryReasonCodes.AlreadyGone : null, outcome is RemovalOutcome.AlreadyGone gone ? gone.Reason : null);
                break;
            case RemovalOutcome.CannotRemove cannot:
                delivery.Status = DeliveryStatus.ManualRemovalNeeded;
                delivery.Explain(refusedBy ?? DeliveryReasonCodes.RemovalRefused, cannot.Reason);
                delivery.Permalink = cannot.ManualUrl?.ToString() ?? delivery.Permalink;
                break;
            case RemovalOutcome.Transient transient when delivery.RemovalAttempts < settings.MaxAttempts:
                delivery.Explain(DeliveryReasonCodes.RemovalRetrying, transient.Reason);
                delivery.DueAt = transient.RetryAt is { } at && at > now ? at : now + Backoff(delivery.RemovalAttempts, settings.RetryDelay);
                break;
            case RemovalOutcome.NeedsReauthorization reauth when delivery.RemovalAttempts < settings.MaxAttempts:
                delivery.Explain(DeliveryReasonCodes.RemovalReauthorization, reauth.Reason);
                delivery.DueAt = now + Backoff(delivery.RemovalAttempts, settings.RetryDelay);
                break;
            default:
                delivery.Status = DeliveryStatus.ManualRemovalNeeded;
                delivery.Explain(DeliveryReasonCodes.RemovalGaveUp, $"Gave up deleting after {delivery.RemovalAttempts} attempts: {Reason(outcome)}");
                break;
        }

        var change = new StateChange().Update(delivery);
        if (delivery.Status != DeliveryStatus.Removing)
        {
            change.Record(audit.Entry(Auditor.System, "delivery." + Naming.Camel(delivery.Status), "delivery", delivery.Id, delivery.Error));
        }

        if (await changes.CommitAsync(change, cancellationToken))
        {
            Log.Recorded(Logger, delivery.Id, delivery.Platform, outcome.GetType().Name, delivery.Status);
        }
        else
        {
            Log.RecordLost(Logger, delivery.Id);
        }
    }

    private static string Reason(RemovalOutcome outcome) => outcome switch
    {
        RemovalOutcome.Transient t => t.Reason,
        RemovalOutcome.NeedsReauthorization n => n.Reason,
        RemovalOutcome.CannotRemove c => c.Reason,
        RemovalOutcome.AlreadyGone g => g.Reason,
        _ => string.Empty,
    };

    private static TimeSpan Backoff(int attempts, TimeSpan first)
    {
        var delay = first * Math.Pow(2, Math.Min(attempts - 1, 10));
        return delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
    }

    private static partial class Log
    {
        [LoggerMessage(8311, LogLevel.Information, "Removal of delivery {DeliveryId} from {Platform} ended {Outcome}; it is now {Status}")]
        public static partial void Recorded(ILogger logger, string deliveryId, string platform, string outcome, DeliveryStatus status);

        [LoggerMessage(8312, LogLevel.Warning, "The removal outcome of delivery {DeliveryId} was not stored (changed meanwhile); the next pass deletes again, harmlessly")]
        public static partial void RecordLost(ILogger logger, string deliveryId);

        [LoggerMessage(8313, LogLevel.Error, "The {Platform} adapter threw while removing delivery {DeliveryId}'s post")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string deliveryId, string platform);
    }
}
