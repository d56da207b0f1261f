using Broker.Guardrails;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbElectionPeriodStore(BrokerDatabase database) : LiteDbCollection<ElectionPeriod>(database, Name), IElectionPeriodStore
{
    public const string Name = "election_periods";

    private readonly ILiteCollection<BsonDocument> documents = database.Collection<BsonDocument>(Name);

    public Task<IReadOnlyList<ElectionPeriod>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ElectionPeriod>>([.. Collection.FindAll().OrderBy(p => p.StartsAt).ThenBy(p => p.Id, StringComparer.Ordinal)]);

    // The version is checked and the document written in one turn of the single writer.
    public async Task<bool> TryReplaceAsync(ElectionPeriod period, CancellationToken cancellationToken)
    {
        var document = Database.Database.Mapper.ToDocument(period);
        document[nameof(ElectionPeriod.Version)] = period.Version + 1;
        var version = period.Version;
        var id = period.Id;
        var won = await Database.WriteAsync(() =>
            documents.FindById(id) is { } stored && Exact(stored["_id"], id) && stored[nameof(ElectionPeriod.Version)].AsInt64 == version && documents.Update(document));
        if (won)
        {
            period.Version++;
        }

        return won;
    }
}
