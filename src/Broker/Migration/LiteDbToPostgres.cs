using Broker.Access;
using Broker.Accounts;
using Broker.Amplification;
using Broker.Asn;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Engagement;
using Broker.Events;
using Broker.Feeds;
using Broker.Guardrails;
using Broker.Intake;
using Broker.Notifications;
using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using Broker.Webhooks;
using LiteDB;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Migration;

/// <summary>
/// Copies every kind the broker keeps from a LiteDB installation into PostgreSQL, through the PostgreSQL stores' own
/// insert paths, a batch at a time. A row already in PostgreSQL (by its id) is left as it is, so a second run copies
/// nothing twice; clicks, which have no id, are copied per LiteDB click batch, each recorded in
/// <c>migrated_click_batches</c> in the transaction that copies it.
/// </summary>
internal sealed class LiteDbToPostgres(LiteDbSource source, PgDatabase target, TextWriter output)
{
    private const int BatchSize = 1000;

    // A click batch holds up to a few thousand clicks (35 bytes each in LiteDB): a few batches per read.
    private const int ClickBatchesPerRead = 20;

    private const string PhotoFiles = "$/media/";

    /// <summary>What the migration leaves behind, each with what to do instead: each lives minutes or hours.</summary>
    public static IReadOnlyList<string> NotCopied { get; } =
        ["sign-in links (send new ones)", "ASN import previews (upload the file again)", "OAuth account connections in progress (connect again)"];

    /// <summary>Copies everything, in an order that puts what is referred to before what refers to it.</summary>
    public async Task CopyAsync(CancellationToken cancellationToken)
    {
        var opds = new PgOpdStore(target);
        var accounts = new PgAccountStore(target);
        var users = new PgUserStore(target);
        var items = new PgItemStore(target);
        var deliveries = new PgDeliveryStore(target);
        var amplification = new PgAmplificationStore(target);
        var audit = new PgAuditLog(target);
        var asn = new PgAsnStore(target);
        var links = new PgShareLinkStore(target);
        var media = new PgMediaStore(target);

        await CopySecretsAsync(cancellationToken);
        await CopyAsync<Opd>(Kinds.Opds, o => o.Id, EachAsync<Opd>((o, ct) => opds.TryAddAsync(o, ct)), cancellationToken);
        await CopyAsync<Account>(Kinds.Accounts, a => a.Id, EachAsync<Account>(accounts.AddAsync), cancellationToken);
        await CopyAsync<User>(Kinds.Users, u => u.Id, EachAsync<User>(users.AddAsync), cancellationToken);
        await CopyAsync<AsnRecord>(Kinds.Asn, r => r.Id, asn.AddAllAsync, cancellationToken);
        await CopyAsync<MediaRecord>(Kinds.Photos, m => m.Id, EachAsync<MediaRecord>((m, ct) => CopyPhotoAsync(media, m, ct)), cancellationToken);
        await CopyAsync<Item>(Kinds.Items, i => i.Id, EachAsync<Item>(items.AddAsync), cancellationToken);
        await CopyAsync<ItemRevision>(Kinds.ItemRevisions, r => r.Id, AddRevisionsAsync, cancellationToken);
        await CopyAsync<Delivery>(Kinds.Deliveries, d => d.Id, deliveries.AddManyAsync, cancellationToken);
        await CopyAsync<Item>(Kinds.ArchivedItems, i => i.Id, AddArchivedAsync, cancellationToken);
        await CopyAsync<AmplificationRequest>(Kinds.Amplification, r => r.Id, EachAsync<AmplificationRequest>(amplification.AddAsync), cancellationToken);
        await CopyAsync<AuditEntry>(Kinds.Audit, e => e.Id, EachAsync<AuditEntry>(audit.WriteAsync), cancellationToken);
        await CopyAsync<ShareLink>(Kinds.ShareLinks, l => l.Id, EachAsync<ShareLink>((l, ct) => links.GetOrAddAsync(l, ct)), cancellationToken);
        await CopyClicksAsync(cancellationToken);
        await new ClickDayCopy(source, target, output).CopyAsync(cancellationToken);
        await CopyLaterKindsAsync(cancellationToken);
        await CopyEngagementAsync(cancellationToken);
        await new OutboxCopy(source, target, output).CopyAsync(cancellationToken);
    }

    /// <summary>Metrics readings (with their status and version, so a finished reading is not made again), native posts and each account's read-back state.</summary>
    private async Task CopyEngagementAsync(CancellationToken cancellationToken)
    {
        var engagement = new PgEngagementStore(target);
        await CopyAsync<MetricsRead>(Kinds.MetricsReads, r => r.Id, (batch, ct) => engagement.AddReadsAsync(batch, ct), cancellationToken);
        await CopyAsync<NativePost>(Kinds.NativePosts, p => p.Id, EachAsync<NativePost>((p, ct) => engagement.SaveNativeAsync(p, ct)), cancellationToken);
        await CopyAsync<AccountEngagement>(Kinds.AccountEngagements, a => a.Id, EachAsync<AccountEngagement>(AddAccountEngagementAsync), cancellationToken);
    }

    // The store's own save starts a new state at version 1; a copied one keeps its version.
    private Task AddAccountEngagementAsync(AccountEngagement state, CancellationToken cancellationToken) => target.ExecuteAsync(
        "INSERT INTO account_engagement (id, version, doc) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id) DO NOTHING",
        cancellationToken,
        Value(state.Id),
        Value(state.Version),
        Document(state, PgJsonContext.Default.AccountEngagement));

    /// <summary>
    /// Archived items with their archived deliveries, into PostgreSQL's archive in one transaction per batch: written as
    /// working rows and moved by the archive's own statements, so the columns are what the archive sweep would write.
    /// </summary>
    private async Task AddArchivedAsync(IReadOnlyList<Item> archived, CancellationToken cancellationToken)
    {
        if (archived.Count == 0)
        {
            return;
        }

        var ids = archived.Select(i => i.Id).ToArray();
        var theirs = source.Where<Delivery>(Kinds.ArchivedDeliveries.Collection, nameof(Delivery.ItemId), ids);
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var item in archived)
        {
            batch.BatchCommands.Add(PgItemStore.Insert(item));
        }

        if (theirs.Count > 0)
        {
            batch.BatchCommands.Add(PgDeliveryStore.Insert(theirs));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(PgArchiveStore.MoveDeliveries) { Parameters = { Value(ids) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PgArchiveStore.MoveItems) { Parameters = { Value(ids) } });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AddRevisionsAsync(IReadOnlyList<ItemRevision> revisions, CancellationToken cancellationToken)
    {
        if (revisions.Count == 0)
        {
            return;
        }

        await using var connection = await target.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PgItemRevisionStore.Insert([.. revisions]) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The kinds added with events, notifications, webhooks, guardrails and feeds.</summary>
    private async Task CopyLaterKindsAsync(CancellationToken cancellationToken)
    {
        var preferences = new PgNotificationPreferenceStore(target);
        var notifications = new PgNotificationStore(target);
        var webhooks = new PgWebhookStore(target, new OutboxSignal());
        var suspensions = new PgSuspensionStore(target);
        var periods = new PgElectionPeriodStore(target);
        var feeds = new PgFeedSubscriptionStore(target);

        await CopyAsync<NotificationPreferences>(Kinds.NotificationPreferences, p => p.Id, EachAsync<NotificationPreferences>(preferences.SaveAsync), cancellationToken);
        await CopyAsync<Notification>(Kinds.Notifications, n => n.Id, EachAsync<Notification>((n, ct) => notifications.TryAddAsync(n, ct)), cancellationToken);
        await CopyAsync<WebhookSubscription>(Kinds.Webhooks, w => w.Id, EachAsync<WebhookSubscription>(webhooks.AddAsync), cancellationToken);
        await CopyAsync<WebhookMessage>(Kinds.WebhookMessages, m => m.Id, (batch, ct) => batch.Count == 0 ? Task.CompletedTask : webhooks.EnqueueAsync([.. batch], ct), cancellationToken);
        await CopyAsync<Suspension>(Kinds.Suspensions, s => s.Id, EachAsync<Suspension>((s, ct) => suspensions.TryAddAsync(s, ct)), cancellationToken);
        await CopyAsync<ElectionPeriod>(Kinds.ElectionPeriods, p => p.Id, EachAsync<ElectionPeriod>(periods.AddAsync), cancellationToken);
        await CopyAsync<FeedSubscription>(Kinds.FeedSubscriptions, f => f.Id, EachAsync<FeedSubscription>(feeds.AddAsync), cancellationToken);
    }

    /// <summary>Each kind's rows on both sides.</summary>
    public async Task<IReadOnlyList<MigrationCount>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new List<MigrationCount>();
        foreach (var kind in Kinds.All)
        {
            counts.Add(new(kind.Name, source.Count(kind.Collection), await CountRowsAsync(kind.Table, cancellationToken)));
        }

        counts.Add(new("photo renditions", source.CountFiles(IsRendition), await CountRowsAsync("media_jpeg_renditions", cancellationToken)));
        counts.Add(new("clicks", source.CountClicks(), await CountRowsAsync("share_clicks", cancellationToken)));
        counts.Add(new("click days", source.Count(ClickDayCopy.Collection), await CountRowsAsync("click_days", cancellationToken)));
        return counts;
    }

    private static bool IsRendition(string fileId) => fileId.StartsWith(PhotoFiles, StringComparison.Ordinal) && fileId.EndsWith(".jpg", StringComparison.Ordinal);

    private static Func<IReadOnlyList<T>, CancellationToken, Task> EachAsync<T>(Func<T, CancellationToken, Task> add) => async (batch, cancellationToken) =>
    {
        foreach (var entity in batch)
        {
            await add(entity, cancellationToken);
        }
    };

    private async Task CopyAsync<T>(Kind kind, Func<T, string> id, Func<IReadOnlyList<T>, CancellationToken, Task> add, CancellationToken cancellationToken)
    {
        var total = source.Count(kind.Collection);
        long read = 0, copied = 0;
        foreach (var batch in source.Batches<T>(kind.Collection, BatchSize))
        {
            var present = await ExistingAsync(kind, [.. batch.Select(id)], cancellationToken);
            var missing = batch.Where(entity => !present.Contains(id(entity))).ToList();
            try
            {
                await add(missing, cancellationToken);
            }
            catch (DuplicateKeyException ex)
            {
                throw new MigrationRefusedException(
                    $"{kind.Name}: a row of this batch clashes with a different row already in PostgreSQL ({ex.Message}). Was the broker started on this database before the migration?");
            }

            (read, copied) = (read + batch.Count, copied + missing.Count);
            await output.WriteLineAsync($"  {kind.Name}: {read:N0} of {total:N0} read, {copied:N0} copied");
        }

        if (total == 0)
        {
            await output.WriteLineAsync($"  {kind.Name}: none");
        }
    }

    private async Task<HashSet<string>> ExistingAsync(Kind kind, string[] ids, CancellationToken cancellationToken) =>
        [.. await target.ListAsync($"SELECT {kind.Key} FROM {kind.Table} WHERE {kind.Key} = ANY($1)", reader => reader.GetString(0), cancellationToken, Value(ids))];

    private async Task CopyPhotoAsync(PgMediaStore media, MediaRecord photo, CancellationToken cancellationToken)
    {
        // The rendition first, as the store asks: a photo is recorded only once its rendition is there.
        if (source.OpenFile(PhotoFiles + photo.Id + ".jpg") is { } rendition)
        {
            await using (rendition)
            {
                await media.AddJpegRenditionAsync(photo.Id, rendition, cancellationToken);
            }
        }

        await using var original = source.OpenFile(PhotoFiles + photo.Id)
            ?? throw new MigrationRefusedException($"Photo {photo.Id} is described in LiteDB but its bytes are missing.");
        await media.AddAsync(photo, original, cancellationToken);
    }

    /// <summary>
    /// The installation secrets (the visitor-hash salt): made equal to LiteDB's, so that visitors keep their hashes and
    /// share-link visitor counts do not change.
    /// </summary>
    private async Task CopySecretsAsync(CancellationToken cancellationToken)
    {
        var copied = 0;
        foreach (var batch in source.Documents(Kinds.Secrets.Collection, BatchSize))
        {
            foreach (var secret in batch)
            {
                copied += await target.ExecuteAsync(
                    """
                    INSERT INTO installation_secrets (name, value) VALUES ($1, $2)
                    ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value WHERE installation_secrets.value <> EXCLUDED.value
                    """,
                    cancellationToken,
                    Value(secret["_id"].AsString),
                    Value(secret["value"].AsBinary));
            }
        }

        await output.WriteLineAsync($"  {Kinds.Secrets.Name}: {source.Count(Kinds.Secrets.Collection):N0} read, {copied:N0} copied");
    }

    private async Task CopyClicksAsync(CancellationToken cancellationToken)
    {
        long batches = 0, copied = 0, skipped = 0;
        foreach (var read in source.Documents(LiteDbSource.ClickBatches.Collection, ClickBatchesPerRead))
        {
            foreach (var batch in read)
            {
                var clicks = await CopyClickBatchAsync(batch, cancellationToken);
                (copied, skipped) = clicks is { } count ? (copied + count, skipped) : (copied, skipped + 1);
                batches++;
            }

            await output.WriteLineAsync($"  clicks: {batches:N0} LiteDB click batches read, {copied:N0} clicks copied, {skipped:N0} batches copied before");
        }

        if (batches == 0)
        {
            await output.WriteLineAsync("  clicks: none");
        }
    }

    /// <summary>Copies one click batch with its record in one transaction; null when it was copied before.</summary>
    private async Task<int?> CopyClickBatchAsync(BsonDocument batch, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var clicks = source.ClicksOf(batch);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO migrated_click_batches (batch_id, clicks, migrated_at) VALUES ($1, $2, now()) ON CONFLICT (batch_id) DO NOTHING", connection, transaction))
        {
            record.Parameters.Add(Value(batch["_id"].ToString()));
            record.Parameters.Add(Value(clicks.Count));
            if (await record.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        await PgClickStore.CopyAsync(connection, clicks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return clicks.Count;
    }

    private Task<long> CountRowsAsync(string table, CancellationToken cancellationToken) =>
        PgScalar.ReadAsync<long>(target, $"SELECT count(*) FROM {table}", cancellationToken);

    /// <summary>A kind of stored thing: its LiteDB collection, its PostgreSQL table and the table's key.</summary>
    internal sealed record Kind(string Name, string Collection, string Table, string Key);

    /// <summary>The kinds copied by id, in the order of the count table.</summary>
    internal static class Kinds
    {
        public static readonly Kind Secrets = new("installation secrets", "secrets", "installation_secrets", "name");
        public static readonly Kind Opds = new("OPDs", "opds", "opds", "id");
        public static readonly Kind Accounts = new("accounts", "accounts", "accounts", "id");
        public static readonly Kind Users = new("users", "users", "users", "id");
        public static readonly Kind Asn = new("ASN directory", "asn", "asn", "nip");
        public static readonly Kind Photos = new("photos", "media", "media", "id");
        public static readonly Kind Items = new("items", "items", "items", "id");
        public static readonly Kind ItemRevisions = new("item revisions", LiteDbItemRevisionStore.Name, "item_revisions", "id");
        public static readonly Kind Deliveries = new("deliveries", "deliveries", "deliveries", "id");
        public static readonly Kind ArchivedItems = new("archived items", LiteDbArchiveStore.ItemsName, "items_archive", "id");

        /// <summary>Copied with their items (<see cref="ArchivedItems"/>); counted here.</summary>
        public static readonly Kind ArchivedDeliveries = new("archived deliveries", LiteDbArchiveStore.DeliveriesName, "deliveries_archive", "id");
        public static readonly Kind Amplification = new("amplification requests", "amplification", "amplification_requests", "id");
        public static readonly Kind Audit = new("audit entries", "audit", "audit", "id");
        public static readonly Kind ShareLinks = new("share links", "sharelinks", "share_links", "code");
        public static readonly Kind NotificationPreferences = new("notification preferences", "notification_preferences", "notification_preferences", "user_id");
        public static readonly Kind Notifications = new("notifications", "notifications", "notifications", "id");
        public static readonly Kind Webhooks = new("webhooks", LiteDbWebhookStore.Name, "webhooks", "id");
        public static readonly Kind WebhookMessages = new("webhook messages", LiteDbWebhookMessages.Name, "webhook_messages", "id");
        public static readonly Kind Suspensions = new("suspensions", LiteDbSuspensionStore.Name, "suspensions", "id");
        public static readonly Kind ElectionPeriods = new("election periods", LiteDbElectionPeriodStore.Name, "election_periods", "id");
        public static readonly Kind FeedSubscriptions = new("feed subscriptions", "feedsubscriptions", "feed_subscriptions", "id");
        public static readonly Kind MetricsReads = new("metrics readings", "metricsreads", "metrics_reads", "id");
        public static readonly Kind NativePosts = new("native posts", "nativeposts", "native_posts", "id");
        public static readonly Kind AccountEngagements = new("account engagement states", "accountengagement", "account_engagement", "id");

        /// <summary>Copied by <see cref="OutboxCopy"/>, in order; counted here.</summary>
        public static readonly Kind Outbox = new("outbox events", LiteDbEventOutbox.Name, "outbox", "seq");
        public static readonly Kind OutboxCursors = new("event consumer cursors", LiteDbEventOutbox.CursorsName, "outbox_cursors", "consumer");

        public static IReadOnlyList<Kind> All { get; } =
        [
            Secrets, Opds, Accounts, Users, Asn, Photos, Items, ItemRevisions, Deliveries, ArchivedItems, ArchivedDeliveries, Amplification, Audit, ShareLinks,
            NotificationPreferences, Notifications, Webhooks, WebhookMessages, Suspensions, ElectionPeriods, FeedSubscriptions,
            MetricsReads, NativePosts, AccountEngagements, Outbox, OutboxCursors,
        ];
    }
}
