using Broker.Engagement;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>Metrics readings; the due ones are found through the index on their due time.</summary>
internal sealed class LiteDbMetricsReads : LiteDbCollection<MetricsRead>
{
    private const string Name = "metricsreads";

    public LiteDbMetricsReads(BrokerDatabase database)
        : base(database, Name)
    {
        Index(r => r.DueAt);
        Index(r => r.PublishedAt);
    }

    public Task AddAllAsync(IReadOnlyCollection<MetricsRead> reads)
    {
        var documents = reads.Select(r => Database.Database.Mapper.ToDocument(r)).ToList();
        return Database.WriteAsync(() =>
        {
            foreach (var document in documents)
            {
                if (Documents.FindById(document["_id"]) is not { } found || !Exact(found["_id"], document["_id"].AsString))
                {
                    Documents.Insert(document);
                }
            }
        });
    }

    // The range of the index on DueAt, then the status: finished readings are moved to MetricsRead.Never, out of the
    // range, so a look costs what is due, not every reading ever made.
    public Task<IReadOnlyList<MetricsRead>> DueAsync(DateTimeOffset now, int limit) =>
        Task.FromResult<IReadOnlyList<MetricsRead>>([.. Collection.Find(LiteDbFilter.Of($"$.{nameof(MetricsRead.DueAt)} <= {{0}}", now.UtcDateTime)
                .And($"$.{nameof(MetricsRead.Status)} = {{0}}", MetricsReadStatus.Due.ToString()).ToExpression())
            .OrderBy(r => r.DueAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Take(limit)]);

    public Task<IReadOnlyList<MetricsRead>> PublishedBetweenAsync(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult<IReadOnlyList<MetricsRead>>([.. Collection.Find(LiteDbFilter.Of($"$.{nameof(MetricsRead.PublishedAt)} >= {{0}}", from.UtcDateTime)
                .And($"$.{nameof(MetricsRead.PublishedAt)} < {{0}}", to.UtcDateTime).ToExpression())
            .OrderBy(r => r.PublishedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)]);

    // The check and the write in one turn of the single writer: of two writers over one version, one wins.
    public Task<bool> CompareAndSetAsync(MetricsRead read)
    {
        var was = read.Version;
        read.Version = was + 1;
        var document = Database.Database.Mapper.ToDocument(read);
        read.Version = was;
        return Database.WriteAsync(() =>
        {
            if (Documents.FindById(read.Id) is not { } stored || !Exact(stored["_id"], read.Id) || stored[nameof(MetricsRead.Version)].AsInt64 != was)
            {
                return false;
            }

            Documents.Update(document);
            read.Version = was + 1;
            return true;
        });
    }
}
