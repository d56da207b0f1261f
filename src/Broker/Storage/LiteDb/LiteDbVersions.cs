using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Compare-and-set of one versioned document in the single writer's turn, for stores outside <see cref="IStateChanges"/>.</summary>
internal static class LiteDbVersions
{
    private const string VersionField = "Version";

    public static async Task<bool> UpdateAsync<T>(BrokerDatabase database, ILiteCollection<BsonDocument> documents, T entity, string id, long version, Action bump)
    {
        var document = database.Database.Mapper.ToDocument(entity);
        document[VersionField] = version + 1;
        var won = await database.WriteAsync(() =>
            documents.FindById(id) is { } stored && LiteDbCollection<BsonDocument>.Exact(stored["_id"], id) && stored[VersionField].AsInt64 == version
            && documents.Update(document));
        if (won)
        {
            bump();
        }

        return won;
    }
}
