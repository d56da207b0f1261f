using Broker.Notifications;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgNotificationPreferenceStore(PgDatabase database) : INotificationPreferenceStore
{
    public Task<NotificationPreferences?> GetAsync(string userId, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM notification_preferences WHERE user_id = $1", ReadPreferences, cancellationToken, Value(userId));

    public Task SaveAsync(NotificationPreferences preferences, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO notification_preferences (user_id, doc) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc",
            cancellationToken,
            Value(preferences.Id),
            Document(preferences, PgJsonContext.Default.NotificationPreferences));

    private static NotificationPreferences ReadPreferences(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.NotificationPreferences);
}
