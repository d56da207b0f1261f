using Broker.Guardrails;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbSuspensionStore(BrokerDatabase database) : LiteDbCollection<Suspension>(database, Name), ISuspensionStore
{
    public const string Name = "suspensions";

    private readonly ILiteCollection<BsonDocument> documents = database.Collection<BsonDocument>(Name);

    public Task<IReadOnlyList<Suspension>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Suspension>>([.. Collection.FindAll().OrderBy(s => s.Id, StringComparer.Ordinal)]);

    public async Task<bool> TryAddAsync(Suspension suspension, CancellationToken cancellationToken)
    {
        try
        {
            await AddAsync(suspension, cancellationToken);
            return true;
        }
        catch (DuplicateKeyException)
        {
            return false;
        }
    }

    // The version is checked and the document written in one turn of the single writer.
    public async Task<bool> TryReplaceAsync(Suspension suspension, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(suspension);
        document[nameof(Suspension.Version)] = suspension.Version + 1;
        var version = suspension.Version;
        var id = suspension.Id;
        var won = await Database.WriteAsync(() =>
            documents.FindById(id) is { } stored && Exact(stored["_id"], id) && stored[nameof(Suspension.Version)].AsInt64 == version && documents.Update(document));
        if (won)
        {
            suspension.Version++;
        }

        return won;
    }
}
