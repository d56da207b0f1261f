using Broker.Events;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Compare-and-set of one versioned document in the single writer's turn, for stores outside <see cref="IStateChanges"/>.</summary>
internal static class LiteDbVersions
{
    private const string VersionField = "Version";

    /// <summary>
    /// Writes <paramref name="entity"/> if the stored one is at <paramref name="version"/>, and then, in the same
    /// transaction, the events the change <paramref name="raised"/> to the outbox: a refused change writes none.
    /// </summary>
    public static async Task<bool> UpdateAsync<T>(BrokerDatabase database, ILiteCollection<BsonDocument> documents, T entity, string id, long version, Action bump, IReadOnlyCollection<DomainEvent>? raised = null)
    {
        var mapper = database.Database.Mapper;
        var document = mapper.ToDocument(entity);
        document[VersionField] = version + 1;
        var events = (raised ?? []).Select(e => LiteDbEventOutbox.ToDocument(mapper, e)).ToList();
        var outbox = events.Count > 0 ? LiteDbEventOutbox.RawDocuments(database) : null;
        var won = await database.WriteAsync(() =>
        {
            if (documents.FindById(id) is not { } stored || !LiteDbCollection<BsonDocument>.Exact(stored["_id"], id) || stored[VersionField].AsInt64 != version
                || !documents.Update(document))
            {
                return false;
            }

            foreach (var written in events)
            {
                written.Remove("_id"); // a closure run again after its batch failed must take a fresh sequence
                outbox!.Insert(written);
            }

            return true;
        });
        if (won)
        {
            bump();
        }

        return won;
    }
}
