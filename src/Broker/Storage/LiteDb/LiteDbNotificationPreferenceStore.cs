using Broker.Notifications;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbNotificationPreferenceStore(BrokerDatabase database)
    : LiteDbCollection<NotificationPreferences>(database, "notification_preferences"), INotificationPreferenceStore
{
    public Task SaveAsync(NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(preferences);
        return Database.WriteAsync(() => Database.Collection<LiteDB.BsonDocument>("notification_preferences").Upsert(document));
    }
}
