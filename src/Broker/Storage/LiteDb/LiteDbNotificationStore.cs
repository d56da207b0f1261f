using Broker.Notifications;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbNotificationStore : LiteDbCollection<Notification>, INotificationStore
{
    private const string VersionField = nameof(Notification.Version);

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbNotificationStore(BrokerDatabase database)
        : base(database, "notifications")
    {
        documents = database.Collection<BsonDocument>("notifications");
        Index(n => n.Status);
        Index(n => n.UserId);
    }

    public async Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            await AddAsync(notification, cancellationToken);
            return true;
        }
        catch (DuplicateKeyException)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<Notification>> DueAsync(NotificationStatus status, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>([.. Collection.Find(Query.EQ(nameof(Notification.Status), status.ToString()))
            .Where(n => n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt)
            .Take(limit)]);

    public Task<IReadOnlyList<Notification>> WaitingAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>([.. Collection.Find(Query.EQ(nameof(Notification.UserId), userId))
            .Where(n => n.Status == NotificationStatus.Waiting && n.UserId == userId)
            .OrderBy(n => n.CreatedAt)
            .ThenBy(n => n.Id, StringComparer.Ordinal)]);

    public Task<IReadOnlyList<Notification>> ForUserAsync(string userId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>([.. Collection.Find(Query.EQ(nameof(Notification.UserId), userId))
            .Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt)
            .Take(limit)]);

    public Task<IReadOnlyList<Notification>> FailedAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>([.. Collection.Find(Query.EQ(nameof(Notification.Status), nameof(NotificationStatus.Failed)))
            .OrderByDescending(n => n.CreatedAt)
            .Take(limit)]);

    public async Task<bool> TryUpdateAsync(Notification notification, CancellationToken cancellationToken)
    {
        // The document is made before the writer's turn, and the turn only compares and writes: a turn may run twice.
        var expected = notification.Version;
        var document = Database.Database.Mapper.ToDocument(notification);
        document[VersionField] = expected + 1;
        var id = notification.Id;
        var written = await Database.WriteAsync(() =>
        {
            var stored = documents.FindById(id);
            return stored is not null && Exact(stored["_id"], id) && stored[VersionField].AsInt64 == expected && documents.Update(document);
        });
        if (written)
        {
            notification.Version = expected + 1;
        }

        return written;
    }
}
