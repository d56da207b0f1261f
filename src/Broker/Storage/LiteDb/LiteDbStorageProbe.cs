using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Upserts one small document through the group commit, the path every state change takes, so a probe that succeeds
/// has been committed and forced to disk like them. One document, overwritten: the probe never grows the file.
/// </summary>
internal sealed class LiteDbStorageProbe(BrokerDatabase database, TimeProvider time) : IStorageProbe
{
    public const string Collection = "health";

    private readonly ILiteCollection<BsonDocument> documents = database.Collection<BsonDocument>(Collection);

    public Task ProbeWriteAsync(CancellationToken cancellationToken)
    {
        var probe = new BsonDocument { ["_id"] = "probe", ["At"] = time.GetUtcNow().UtcDateTime };
        return database.WriteAsync(() => documents.Upsert(probe));
    }
}
