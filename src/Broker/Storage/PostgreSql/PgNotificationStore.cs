using Broker.Notifications;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>The notification outbox in <c>notifications</c>: the document, with the columns it is found and claimed by.</summary>
internal sealed class PgNotificationStore(PgDatabase database) : INotificationStore
{
    public async Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT INTO notifications (id, user_id, status, next_attempt_at, created_at, version, doc) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            Row(notification, notification.Version)) == 1;

    public Task<Notification?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM notifications WHERE id = $1", ReadNotification, cancellationToken, Value(id));

    public Task<IReadOnlyList<Notification>> DueAsync(NotificationStatus status, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM notifications WHERE status = $1 AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3",
            ReadNotification,
            cancellationToken,
            Value(status.ToString()),
            Time(now),
            Value(limit));

    public Task<IReadOnlyList<Notification>> WaitingAsync(string userId, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM notifications WHERE user_id = $1 AND status = $2 ORDER BY created_at, id COLLATE \"C\"",
            ReadNotification,
            cancellationToken,
            Value(userId),
            Value(nameof(NotificationStatus.Waiting)));

    public Task<IReadOnlyList<Notification>> ForUserAsync(string userId, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2", ReadNotification, cancellationToken, Value(userId), Value(limit));

    public Task<IReadOnlyList<Notification>> FailedAsync(int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM notifications WHERE status = $1 ORDER BY created_at DESC, id LIMIT $2",
            ReadNotification,
            cancellationToken,
            Value(nameof(NotificationStatus.Failed)),
            Value(limit));

    public async Task<bool> TryUpdateAsync(Notification notification, CancellationToken cancellationToken)
    {
        var expected = notification.Version;
        notification.Version = expected + 1;
        var parameters = Row(notification, expected + 1).Append(Value(expected)).ToArray();
        var written = await database.ExecuteAsync(
            "UPDATE notifications SET user_id = $2, status = $3, next_attempt_at = $4, created_at = $5, version = $6, doc = $7 WHERE id = $1 AND version = $8",
            cancellationToken,
            parameters) == 1;
        if (!written)
        {
            notification.Version = expected;
        }

        return written;
    }

    private static NpgsqlParameter[] Row(Notification notification, long version) =>
    [
        Value(notification.Id), Value(notification.UserId), Value(notification.Status.ToString()), Time(notification.NextAttemptAt),
        Time(notification.CreatedAt), Value(version), Document(notification, PgJsonContext.Default.Notification),
    ];

    private static Notification ReadNotification(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.Notification);
}
