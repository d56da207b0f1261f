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
/// Rewrites the posts of items corrected in place (<see cref="DeliveryStatus.Editing"/>), from what the store says: right
/// after the correction is committed, at start-up (which completes one a crash interrupted) and every
/// <see cref="RetractionOptions.SweepInterval"/> (retries that came due, a dead node's claims). Each edit is claimed by
/// compare-and-set first, so of several nodes one calls the platform; setting the same text twice is harmless.
/// </summary>
public sealed partial class PostEditSweep(
    IDeliveryStore deliveries,
    IStateChanges changes,
    AdapterRegistry adapters,
    DeliveryChannels channels,
    BrokerNode node,
    Auditor audit,
    IOptions<RetractionOptions> options,
    TimeProvider time,
    ILogger<PostEditSweep> logger) : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Purpose => "The sweep for posts to edit in place";

    protected override bool RunsAtStart => true;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => PassAsync(cancellationToken);

    /// <summary>Edits every post whose edit is due, or whose claim (by a node since gone, or this one before a crash) lapsed.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        foreach (var delivery in (await deliveries.ListByStatusAsync([DeliveryStatus.Editing], cancellationToken)).OrderBy(d => d.DueAt))
        {
            if (delivery.DueAt <= Time.GetUtcNow() && await ClaimAsync(delivery, cancellationToken))
            {
                var (outcome, refusedBy) = await CallAsync(delivery, cancellationToken);
                await RecordAsync(delivery, outcome, refusedBy, cancellationToken);
            }
        }
    }

    private async Task<bool> ClaimAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        delivery.ClaimedBy = node.Id;
        delivery.DueAt = now + options.Value.ClaimLease;
        delivery.EditAttempts++;
        delivery.UpdatedAt = now;
        return await changes.CommitAsync(new StateChange().Update(delivery), cancellationToken);
    }

    /// <summary>The outcome, and the reason code when the broker itself refused the call (no platform was asked).</summary>
    private async Task<(EditOutcome Outcome, string? RefusedBy)> CallAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (adapters.Find(delivery.Platform) is not IPostEditor editor)
        {
            return (new EditOutcome.CannotEdit($"The {delivery.Platform} adapter cannot edit posts."), DeliveryReasonCodes.EditUnsupported);
        }

        var found = await channels.ForAsync(delivery, cancellationToken);
        if (found.Account is not { } account)
        {
            return found.Reauthorize is { } reason
                ? (new EditOutcome.NeedsReauthorization(reason), null)
                : (new EditOutcome.CannotEdit(found.Refused!), DeliveryReasonCodes.AccountRefused);
        }

        try
        {
            return (await editor.EditAsync(account, delivery.RemotePostId!, delivery.Text, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the claim lapses and a later pass edits again, harmlessly
        }
#pragma warning disable CA1031 // One adapter's bug must not stop the other edits; editing again is harmless.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AdapterThrew(Logger, ex, delivery.Id, delivery.Platform);
            return (new EditOutcome.Transient($"The {delivery.Platform} adapter failed unexpectedly ({ex.GetType().Name})."), null);
        }
    }

    /// <summary>
    /// Edited: the post is published with its new text. Gone: it is removed. Refused for good, or after the last
    /// attempt: it stays published with its old text and the reason, for an editor to correct it another way.
    /// </summary>
    private async Task RecordAsync(Delivery delivery, EditOutcome outcome, string? refusedBy, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var settings = options.Value;
        delivery.ClaimedBy = null;
        delivery.UpdatedAt = now;
        var action = outcome switch
        {
            EditOutcome.Edited => "delivery.edited",
            EditOutcome.Gone => "delivery.removed",
            EditOutcome.Transient or EditOutcome.NeedsReauthorization when delivery.EditAttempts < settings.MaxAttempts => null,
            _ => "delivery.editFailed",
        };
        switch (action)
        {
            case "delivery.edited":
                (delivery.Status, delivery.EditedAt) = (DeliveryStatus.Published, now);
                delivery.Explain(null, null);
                break;
            case "delivery.removed":
                (delivery.Status, delivery.RemovedAt) = (DeliveryStatus.Removed, now);
                delivery.Explain(DeliveryReasonCodes.AlreadyGone, Reason(outcome));
                break;
            case null:
                delivery.Explain(outcome is EditOutcome.NeedsReauthorization ? DeliveryReasonCodes.EditReauthorization : DeliveryReasonCodes.EditRetrying, Reason(outcome));
                delivery.DueAt = now + (settings.RetryDelay * Math.Pow(2, Math.Min(delivery.EditAttempts - 1, 6)));
                break;
            default:
                delivery.Status = DeliveryStatus.Published;
                delivery.Explain(
                    outcome is EditOutcome.CannotEdit ? refusedBy ?? DeliveryReasonCodes.EditRefused : DeliveryReasonCodes.EditGaveUp,
                    $"Not edited in place; the post keeps its earlier text: {Reason(outcome)}");
                break;
        }

        var change = new StateChange().Update(delivery);
        if (action is not null)
        {
            change.Record(audit.Entry(Auditor.System, action, "delivery", delivery.Id, delivery.Error));
        }

        if (!await changes.CommitAsync(change, cancellationToken))
        {
            Log.RecordLost(Logger, delivery.Id);
        }
    }

    private static string Reason(EditOutcome outcome) => outcome switch
    {
        EditOutcome.Gone g => g.Reason,
        EditOutcome.CannotEdit c => c.Reason,
        EditOutcome.Transient t => t.Reason,
        EditOutcome.NeedsReauthorization n => n.Reason,
        _ => string.Empty,
    };

    private static partial class Log
    {
        [LoggerMessage(8301, LogLevel.Warning, "The edit outcome of delivery {DeliveryId} was not stored (changed meanwhile); a later pass edits again, harmlessly")]
        public static partial void RecordLost(ILogger logger, string deliveryId);

        [LoggerMessage(8302, LogLevel.Error, "The {Platform} adapter threw while editing delivery {DeliveryId}'s post")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string deliveryId, string platform);
    }
}
