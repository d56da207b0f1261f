using System.Security.Cryptography;
using System.Text;
using Broker.Api;
using Broker.Audit;
using Broker.Events;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>
/// Reads one subscription's feed and turns its new entries into submitted items for the subscription's accounts; they
/// go through review like any other. An entry's item has an id derived from the subscription and the entry's key, so
/// however many reads of the same entry run at once (two nodes, a sweep and "read now"), the items' primary key lets one
/// item stand. A changed entry (same key, another text) updates its item while the item is still submitted and no person
/// has edited it; once reviewed or edited, the change is ignored (the SOP: what was reviewed is what is published).
/// </summary>
public sealed partial class FeedPoller(
    IFeedSubscriptionStore subscriptions,
    IItemStore items,
    IStateChanges changes,
    SafeFetcher fetcher,
    PhotoIntake photos,
    Auditor audit,
    TimeProvider time,
    IOptions<FeedsOptions> options,
    ILogger<FeedPoller> logger)
{
    /// <summary>The most entries of one read that become items (a feed that lists its whole archive is read from the top).</summary>
    public const int MaxEntriesPerRead = 50;

    /// <summary>Reads the feed now and records how it went on the subscription (a lost race for the record is left to the winner).</summary>
    public async Task<FeedSubscription> PollAsync(FeedSubscription subscription, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var fetched = await fetcher.GetAsync(new Uri(subscription.Url), settings.MaxFeedBytes, subscription.ETag, subscription.LastModified, cancellationToken);
        var now = time.GetUtcNow();
        subscription.LastPolledAt = now;
        if (fetched.Status == FetchStatus.NotModified)
        {
            MarkHealthy(subscription, now);
            return await RecordAsync(subscription, 0, cancellationToken);
        }

        var (entries, problem) = fetched.Status == FetchStatus.Fetched ? FeedDocument.Parse(fetched.Bytes) : ([], fetched.Problem);
        if (problem is not null)
        {
            Log.Failed(logger, subscription.Id, problem);
            subscription.State = FeedState.Failing;
            subscription.Problem = problem;
            subscription.Failures++;
            var wait = settings.PollInterval * Math.Pow(2, Math.Min(subscription.Failures, 20));
            subscription.NextPollAt = now + (wait < settings.MaxBackoff ? wait : settings.MaxBackoff);
            return await RecordAsync(subscription, 0, cancellationToken);
        }

        var created = 0;
        foreach (var entry in entries.Take(MaxEntriesPerRead))
        {
            created += await TakeAsync(subscription, entry, cancellationToken) ? 1 : 0;
        }

        subscription.ETag = fetched.ETag;
        subscription.LastModified = fetched.LastModified;
        subscription.ItemsCreated += created;
        MarkHealthy(subscription, now);
        return await RecordAsync(subscription, created, cancellationToken);
    }

    private void MarkHealthy(FeedSubscription subscription, DateTimeOffset now)
    {
        subscription.State = FeedState.Healthy;
        subscription.Problem = null;
        subscription.Failures = 0;
        subscription.LastSucceededAt = now;
        subscription.NextPollAt = now + options.Value.PollInterval;
    }

    /// <summary>
    /// Stores what the read found over the version it started from; if the subscription changed meanwhile (another read,
    /// an edit), the read's outcome is written over the fresh copy, keeping counts added by others.
    /// </summary>
    private async Task<FeedSubscription> RecordAsync(FeedSubscription read, int created, CancellationToken cancellationToken)
    {
        // Each lost race means another writer's change was stored: the loop ends, and every read's count is added once.
        while (true)
        {
            if (await subscriptions.UpdateAsync(read, cancellationToken))
            {
                return read;
            }

            if (await subscriptions.GetAsync(read.Id, cancellationToken) is not { } fresh)
            {
                return read; // unsubscribed meanwhile: nothing to record
            }

            fresh.State = read.State;
            fresh.Problem = read.Problem;
            fresh.Failures = read.Failures;
            fresh.LastPolledAt = read.LastPolledAt;
            fresh.LastSucceededAt = read.LastSucceededAt ?? fresh.LastSucceededAt;
            fresh.NextPollAt = read.NextPollAt;
            fresh.ETag = read.ETag;
            fresh.LastModified = read.LastModified;
            fresh.ItemsCreated += created;
            read = fresh;
        }
    }

    /// <summary>Makes an item of a new entry, or updates the item of a changed one; true when an item was made.</summary>
    private async Task<bool> TakeAsync(FeedSubscription subscription, FeedEntry entry, CancellationToken cancellationToken)
    {
        var id = ItemId(subscription.Id, entry.Key);
        if (await items.GetAsync(id, cancellationToken) is { } existing)
        {
            await UpdateIfChangedAsync(existing, entry, cancellationToken);
            return false;
        }

        var (photoId, photoProblem) = await PhotoAsync(entry, cancellationToken);
        var now = time.GetUtcNow();
        var item = new Item
        {
            Id = id,
            Opd = subscription.Opd,
            SubmittedBy = subscription.CreatedBy,
            Status = ItemStatus.Submitted,
            CreatedAt = now,
            UpdatedAt = now,
            AccountIds = [.. subscription.AccountIds],
            MediaIds = photoId is null ? [] : [photoId],
            Title = "",
            Body = "",
            Source = new ItemSource
            {
                SubscriptionId = subscription.Id,
                FeedUrl = subscription.Url,
                EntryKey = entry.Key,
                EntryLink = entry.Link,
                ContentHash = entry.ContentHash,
                FetchedAt = now,
                PhotoProblem = photoProblem,
            },
        };
        Fill(item, entry);
        var change = new StateChange()
            .Insert(item)
            .Record(audit.Entry(Auditor.System, "item.submitted", "item", item.Id, $"from the feed {subscription.Url} (subscription {subscription.Id})"))
            .Raise(new DomainEvent
            {
                Id = Guid.NewGuid().ToString("N"),
                Type = EventTypes.ItemSubmitted,
                ObjectType = "item",
                ObjectId = item.Id,
                OccurredAt = now,
                Opd = item.Opd,
                Data = { ["title"] = item.Title, ["source"] = subscription.Url },
            });
        try
        {
            await changes.CommitAsync(change, cancellationToken);
            Log.Created(logger, item.Id, subscription.Id);
            return true;
        }
        catch (DuplicateKeyException)
        {
            return false; // another read of the same entry made it first
        }
    }

    private async Task UpdateIfChangedAsync(Item item, FeedEntry entry, CancellationToken cancellationToken)
    {
        if (item.Source is not { } source || source.ContentHash == entry.ContentHash || item.Status != ItemStatus.Submitted || item.EditedBy.Count > 0)
        {
            return;
        }

        source.ContentHash = entry.ContentHash;
        source.EntryLink = entry.Link;
        source.FetchedAt = time.GetUtcNow();
        Fill(item, entry);
        item.UpdatedAt = source.FetchedAt;
        var change = new StateChange().Update(item).Record(audit.Entry(Auditor.System, "item.edited", "item", item.Id, $"the feed entry changed ({source.FeedUrl}); still submitted"));
        if (await changes.CommitAsync(change, cancellationToken))
        {
            Log.Updated(logger, item.Id);
        }
    }

    private static void Fill(Item item, FeedEntry entry)
    {
        var title = entry.Title.Length > 0 ? entry.Title : entry.Link ?? entry.Key;
        item.Title = title.Length > ItemIntake.MaxTitle ? title[..ItemIntake.MaxTitle] : title;
        var body = entry.Text.Length > 0 ? entry.Text : item.Title;
        item.Body = body.Length > ItemIntake.MaxBody ? body[..ItemIntake.MaxBody] : body;
        item.Link = entry.Link is { } link && HttpUrls.WhyRefused(link) is null ? link : null;
    }

    private async Task<(string? Id, string? Problem)> PhotoAsync(FeedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Image is null)
        {
            return (null, null);
        }

        var fetched = await fetcher.GetAsync(entry.Image, options.Value.MaxImageBytes, null, null, cancellationToken);
        if (fetched.Status != FetchStatus.Fetched)
        {
            return (null, "The photo was not fetched: " + fetched.Problem);
        }

        var stored = await photos.StoreAsync(fetched.Bytes, Path.GetFileName(entry.Image.AbsolutePath), Auditor.System, cancellationToken);
        return (stored.Photo?.Id, stored.Problem is null ? null : "The photo was left out: " + stored.Problem);
    }

    /// <summary>The id of the item made from an entry: the same for every read of it, so the store's key stops a second.</summary>
    public static string ItemId(string subscriptionId, string entryKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subscriptionId + "\n" + entryKey)))[..32];

    private static partial class Log
    {
        [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Item {ItemId} made from an entry of feed subscription {SubscriptionId}")]
        public static partial void Created(ILogger logger, string itemId, string subscriptionId);

        [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Item {ItemId} updated: its feed entry changed while it was still submitted")]
        public static partial void Updated(ILogger logger, string itemId);

        [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "Feed subscription {SubscriptionId} could not be read: {Problem}")]
        public static partial void Failed(ILogger logger, string subscriptionId, string problem);
    }
}
