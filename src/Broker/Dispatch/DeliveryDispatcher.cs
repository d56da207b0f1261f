using System.Collections.Concurrent;
using Broker.Accounts;
using Broker.Adapters;
using Broker.Audit;
using Broker.Channels;
using Broker.Intake;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// Publishes one due delivery through its platform's adapter and records what came of it. Every outcome is a state:
/// published, retrying at a time, held for re-authorisation, or failed with the platform's reason. An adapter's
/// exception never escapes to the scheduler or to other deliveries.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IDeliveryStore deliveries,
    IAccountStore accounts,
    AdapterRegistry adapters,
    ApiBaseUrlPolicy baseUrls,
    CredentialProtector credentials,
    MediaFiles media,
    IDeliveryScheduler scheduler,
    ItemProgressQueue items,
    AccountHolds holds,
    IntentJournal journal,
    CircuitGate circuit,
    Auditor audit,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger)
{
    /// <summary>Deliveries being handled, each with whether its trigger fired again meanwhile.</summary>
    private readonly ConcurrentDictionary<string, bool> inFlight = new();

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
        catch
        {
            inFlight.TryRemove(deliveryId, out _);
            throw;
        }
    }

    private async Task DispatchOnceAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetAsync(deliveryId, cancellationToken);
        if (delivery is null || delivery.Status is not (DeliveryStatus.Scheduled or DeliveryStatus.Retrying))
        {
            return;
        }

        var account = await accounts.GetAsync(delivery.AccountId, cancellationToken);
        if (account is null)
        {
            await FinishAsync(delivery, new PublishOutcome.Failed($"Account '{delivery.AccountId}' no longer exists."), cancellationToken);
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
                await FinishAsync(delivery, ending, cancellationToken);
            }

            return;
        }

        PublishOutcome? outcome = null;
        try
        {
            var now = time.GetUtcNow();
            delivery.Status = DeliveryStatus.Publishing;
            delivery.Attempts++;
            delivery.FirstAttemptAt ??= now;
            delivery.LastAttemptAt = now;
            delivery.UpdatedAt = now;

            // Only the journal line must be on disk before the platform is called: it, not the "publishing" mark
            // (on disk only when `marked` completes, after the call), is what recovery trusts. The mark is committed
            // with those of the other deliveries starting now (group commit) while the platform answers; the writes
            // that follow queue behind it, so it never lands after them.
            var marked = deliveries.UpdateAsync(delivery, cancellationToken);
            await journal.RecordAsync(delivery.Id, cancellationToken);
            var request = await BuildRequestAsync(delivery, account, cancellationToken);
            outcome = await AttemptAsync(adapter, delivery, request, cancellationToken);
            await marked;
        }
        finally
        {
            await circuit.LeaveAsync(delivery, outcome, CancellationToken.None);
        }

        await FinishAsync(delivery, outcome, cancellationToken);
    }

    private async Task<PublishOutcome> AttemptAsync(IChannelAdapter adapter, Delivery delivery, PublishRequest request, CancellationToken cancellationToken)
    {
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
    }

    // The platform could not say whether the earlier attempt's post exists: wait and look again, never publish blindly.
    // A refused lookup is no verdict on the post either: failing the delivery would leave a post it may have made unknown.
    private static PublishOutcome KeepReconciling(PublishOutcome lookup) => lookup switch
    {
        PublishOutcome.Transient t => new PublishOutcome.Unknown("Could not yet check for an earlier post: " + t.Reason),
        PublishOutcome.Failed f => new PublishOutcome.Unknown("Could not check for an earlier post: " + f.Reason),
        _ => lookup,
    };

    private async Task<PublishRequest> BuildRequestAsync(Delivery delivery, Account account, CancellationToken cancellationToken)
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
                Credentials = credentials.Unprotect(account.ProtectedCredentials),
                ApiBaseUrl = account.ApiBaseUrl is null ? null : new Uri(account.ApiBaseUrl),
                SaveCredentialsAsync = (replaced, ct) => holds.ReplaceCredentialsAsync(account.Id, replaced, Auditor.System, resume: false, ct),
            },
            Post = new RenderedPost
            {
                Text = delivery.Text,
                Link = delivery.Link is null ? null : new Uri(delivery.Link),
                Media = photos,
            },
            Progress = new DeliveryProgress(delivery, deliveries, time),
        };
    }

    private async Task FinishAsync(Delivery delivery, PublishOutcome outcome, CancellationToken cancellationToken)
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
                delivery.Error = null;
                break;
            case PublishOutcome.RateLimited limited:
                Retry(delivery, limited.Reason, limited.Until > now ? limited.Until : now);
                break;
            case PublishOutcome.NeedsReauthorization reauth:
                if (await holds.CredentialsRefusedAsync(delivery, reauth.Reason, cancellationToken))
                {
                    return;
                }

                Retry(delivery, reauth.Reason, now); // new credentials arrived during the attempt: try them
                break;
            case PublishOutcome.Failed failed:
                delivery.Status = DeliveryStatus.Failed;
                delivery.Error = failed.Reason;
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

        // The new state and its audit entry are queued together, so they share a transaction (group commit).
        var saved = deliveries.UpdateAsync(delivery, cancellationToken);
        var audited = delivery.Status == DeliveryStatus.Retrying
            ? Task.CompletedTask
            : audit.RecordAsync(Auditor.System, "delivery." + Naming.Camel(delivery.Status), "delivery", delivery.Id, delivery.Error, cancellationToken);
        await saved;
        await audited;
        Log.Finished(logger, delivery.Id, delivery.Platform, delivery.Status, delivery.Error);
        if (delivery.Status == DeliveryStatus.Retrying)
        {
            await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, delivery.DueAt)], cancellationToken);
        }

        items.Enqueue(delivery.ItemId);
    }

    private static void Retry(Delivery delivery, string reason, DateTimeOffset at)
    {
        delivery.Status = DeliveryStatus.Retrying;
        delivery.Error = reason;
        delivery.DueAt = at;
    }

    private static void RetryOrGiveUp(Delivery delivery, string reason, DateTimeOffset? at, DeliveryOptions settings, DateTimeOffset now)
    {
        delivery.FailedAttempts++;
        var next = at ?? now + Backoff(delivery.FailedAttempts, settings);
        if (delivery.FailedAttempts >= settings.MaxAttempts || next > delivery.ScheduledAt + settings.Deadline)
        {
            delivery.Status = DeliveryStatus.Failed;
            var maybe = delivery.NeedsReconcile ? "; an earlier attempt may have published it, check the account before a retry" : string.Empty;
            delivery.Error = $"{reason} (gave up after {delivery.Attempts} attempts{maybe})";
            return;
        }

        Retry(delivery, reason, next);
    }

    private static TimeSpan Backoff(int failures, DeliveryOptions settings)
    {
        var exponential = settings.FirstRetryDelay * Math.Pow(2, failures - 1);
        var capped = exponential > settings.MaxRetryDelay ? settings.MaxRetryDelay : exponential;
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Delivery {DeliveryId} to {Platform} is now {Status} {Error}")]
        public static partial void Finished(ILogger logger, string deliveryId, string platform, DeliveryStatus status, string? error);

        [LoggerMessage(2, LogLevel.Error, "The {Platform} adapter threw while publishing delivery {DeliveryId}")]
        public static partial void AdapterThrew(ILogger logger, Exception exception, string deliveryId, string platform);

        [LoggerMessage(3, LogLevel.Information, "Delivery {DeliveryId} reconciled with the platform: {Outcome}")]
        public static partial void Reconciled(ILogger logger, string deliveryId, string outcome);
    }
}
