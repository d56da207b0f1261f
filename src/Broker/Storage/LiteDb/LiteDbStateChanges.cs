using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Intake;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="IStateChanges"/> on LiteDB: the versions are checked and the documents written in one closure of the single
/// writer, which runs it inside a transaction (<see cref="GroupCommit"/>), so nothing else writes between check and write.
/// The change's events go to the outbox in the same transaction: a refused change writes none, and so do the marks of
/// the days whose figures its deliveries change (<see cref="IDailyFigureStore"/>).
/// </summary>
internal sealed class LiteDbStateChanges(BrokerDatabase database, OutboxSignal signal, LocalDays? localDays = null) : IStateChanges
{
    private const string VersionField = nameof(Item.Version);

    private readonly ILiteCollection<BsonDocument> items = database.Collection<BsonDocument>(LiteDbItemStore.Name);
    private readonly ILiteCollection<BsonDocument> deliveries = database.Collection<BsonDocument>(LiteDbDeliveryStore.Name);
    private readonly ILiteCollection<BsonDocument> requests = database.Collection<BsonDocument>(LiteDbAmplificationStore.Name);
    private readonly ILiteCollection<BsonDocument> accounts = database.Collection<BsonDocument>(LiteDbAccountStore.Name);
    private readonly ILiteCollection<BsonDocument> audit = database.Collection<BsonDocument>(LiteDbAuditLog.Name);
    private readonly ILiteCollection<BsonDocument> revisions = database.Collection<BsonDocument>(LiteDbItemRevisionStore.Name);
    private readonly ILiteCollection<BsonDocument> outbox = LiteDbEventOutbox.RawDocuments(database);
    private readonly ILiteCollection<BsonDocument> dirtyDays = database.Collection<BsonDocument>(LiteDbDailyFigureStore.DirtyName);
    private readonly LocalDays days = localDays ?? new LocalDays(TimeZoneInfo.Utc);

    public async Task<bool> CommitAsync(StateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);

        // Turned into documents on the caller's thread, with their next versions: the writer's turn is spent on the database.
        var mapper = database.Database.Mapper;
        // Every delivery written, inserted or updated, carries its item's creation time (one read before the start's upgrade too).
        LiteDbDeliveryStore.KeyByItem(database, change.Inserts.Concat(change.Updates), change.NewItems.Concat(change.Items));
        var itemDocuments = change.Items.Select(i => Next(mapper.ToDocument(i), i.Version)).ToList();
        var deliveryDocuments = change.Updates.Select(d => Next(mapper.ToDocument(d), d.Version)).ToList();
        var requestDocuments = change.Requests.Select(r => Next(mapper.ToDocument(r), r.Version)).ToList();
        var accountDocuments = change.Accounts.Select(a => Next(mapper.ToDocument(a), a.Version)).ToList();
        var inserted = change.Inserts.Select(mapper.ToDocument).ToList();
        var newRequests = change.NewRequests.Select(mapper.ToDocument).ToList();
        var newItems = change.NewItems.Select(mapper.ToDocument).ToList();
        var entries = change.Audit.Select(mapper.ToDocument).ToList();
        var revisionDocuments = change.Revisions.Select(mapper.ToDocument).ToList();
        var events = change.Events.Select(e => LiteDbEventOutbox.ToDocument(mapper, e)).ToList();
        var itemVersions = change.Items.Select(i => (i.Id, i.Version)).ToList();
        var deliveryVersions = change.Updates.Select(d => (d.Id, d.Version)).ToList();
        var requestVersions = change.Requests.Select(r => (r.Id, r.Version)).ToList();
        var accountVersions = change.Accounts.Select(a => (a.Id, a.Version)).ToList();
        var touched = days.Touched(change);
        var stamp = Guid.NewGuid().ToString("N");

        var won = await LiteDbDuplicates.RefusedAsDuplicate(database.WriteAsync(() =>
        {
            if (!itemVersions.All(v => IsAt(items, v.Id, v.Version))
                || !deliveryVersions.All(v => IsAt(deliveries, v.Id, v.Version))
                || !requestVersions.All(v => IsAt(requests, v.Id, v.Version))
                || !accountVersions.All(v => IsAt(accounts, v.Id, v.Version)))
            {
                return false;
            }

            foreach (var document in newItems)
            {
                items.Insert(document);
            }

            foreach (var document in itemDocuments)
            {
                items.Update(document);
            }

            foreach (var document in deliveryDocuments)
            {
                deliveries.Update(document);
            }

            foreach (var document in requestDocuments)
            {
                requests.Update(document);
            }

            foreach (var document in newRequests)
            {
                requests.Insert(document);
            }

            foreach (var document in accountDocuments)
            {
                accounts.Update(document);
            }

            if (inserted.Count > 0)
            {
                deliveries.InsertBulk(inserted);
            }

            if (entries.Count > 0)
            {
                audit.InsertBulk(entries);
            }

            // By id, so a revision already stored (the same version twice) fails the whole change as a duplicate.
            foreach (var document in revisionDocuments)
            {
                revisions.Insert(document);
            }

            LiteDbDailyFigureStore.Mark(dirtyDays, touched, stamp);

            // One by one: each takes the next sequence in order (InsertBulk would too, but says nothing of it).
            foreach (var document in events)
            {
                document.Remove("_id"); // a closure run again after its batch failed must take a fresh sequence
                outbox.Insert(document);
            }

            return true;
        }));
        if (won)
        {
            if (change.Items.Count > 0)
            {
                database.ItemTitles.Forget(change.Items.Select(i => i.Id));
            }

            foreach (var item in change.Items)
            {
                item.Version++;
            }

            foreach (var delivery in change.Updates)
            {
                delivery.Version++;
            }

            foreach (var request in change.Requests)
            {
                request.Version++;
            }

            foreach (var account in change.Accounts)
            {
                account.Version++;
            }

            if (events.Count > 0)
            {
                signal.Notify();
            }
        }

        return won;
    }

    private static BsonDocument Next(BsonDocument document, long version)
    {
        document[VersionField] = version + 1;
        return document;
    }

    // A document written before versions existed has none: it is at version 0.
    private static bool IsAt(ILiteCollection<BsonDocument> collection, string id, long version) =>
        collection.FindById(id) is { } stored && (stored[VersionField].IsNumber ? stored[VersionField].AsInt64 : 0) == version;
}
