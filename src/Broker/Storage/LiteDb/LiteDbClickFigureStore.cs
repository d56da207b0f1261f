using System.Buffers.Binary;
using System.Globalization;
using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="IClickFigureStore"/> on LiteDB: one document per day in <c>clickfigures</c> (keyed <c>yyyy-MM-dd</c>, which
/// sorts as the days do) with its rows packed, the OPDs and NIPs as two arrays and the counts as 12 bytes a row, and a
/// small document per stored day in <c>clickfiguredays</c>, so that listing the days never reads their rows. A year of
/// rows is then a few hundred documents, not one per ASN and day. Both documents go in one transaction.
/// </summary>
internal sealed class LiteDbClickFigureStore : IClickFigureStore
{
    private const int RowSize = 12;

    private readonly BrokerDatabase database;
    private readonly ILiteCollection<BsonDocument> figures;
    private readonly ILiteCollection<BsonDocument> days;
    private readonly ILiteCollection<ShareLink> links;

    public LiteDbClickFigureStore(BrokerDatabase database)
    {
        this.database = database;
        figures = database.Collection<BsonDocument>("clickfigures");
        days = database.Collection<BsonDocument>("clickfiguredays");
        links = database.Collection<ShareLink>("sharelinks");
        database.Write(() => links.EnsureIndex(l => l.CreatedAt));
    }

    public Task<bool> AddAsync(DateOnly day, IReadOnlyCollection<ClickFigure> rows, CancellationToken cancellationToken)
    {
        var key = LiteDbDailyFigureStore.Key(day);
        var document = ToDocument(key, rows);
        return database.WriteAsync(() =>
        {
            if (days.FindById(key) is not null)
            {
                return false;
            }

            figures.Upsert(document);
            days.Insert(new BsonDocument { ["_id"] = key });
            return true;
        });
    }

    public Task<IReadOnlySet<DateOnly>> ListDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = LiteDbFilter.Range("$._id", LiteDbDailyFigureStore.Key(from), LiteDbDailyFigureStore.Key(to)).ToExpression();
        IReadOnlySet<DateOnly> found = days.Find(range).ToList().Select(d => DateOnly.ParseExact(d["_id"].AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<ClickFigure>> SumAsync(IReadOnlyCollection<DateOnly> summed, string? opd, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<(string Opd, string Nip), ClickFigure>();
        foreach (var day in summed.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (figures.FindById(LiteDbDailyFigureStore.Key(day)) is not { } document)
            {
                continue;
            }

            foreach (var row in FromDocument(document, opd))
            {
                sums[(row.Opd, row.Nip)] = sums.TryGetValue((row.Opd, row.Nip), out var sum) ? sum.Plus(row) : row with { Day = default };
            }
        }

        return Task.FromResult<IReadOnlyList<ClickFigure>>([.. sums.Values]);
    }

    public Task<DateTimeOffset?> FirstLinkAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var first = links.Query().OrderBy(l => l.CreatedAt).Limit(1).ToList().FirstOrDefault();
        return Task.FromResult(first?.CreatedAt);
    }

    private static BsonDocument ToDocument(string key, IReadOnlyCollection<ClickFigure> rows)
    {
        var counts = new byte[rows.Count * RowSize];
        var i = 0;
        foreach (var row in rows)
        {
            var span = counts.AsSpan(i++ * RowSize, RowSize);
            BinaryPrimitives.WriteInt32LittleEndian(span, row.Clicks);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], row.Visitors);
            BinaryPrimitives.WriteInt32LittleEndian(span[8..], row.Links);
        }

        return new BsonDocument
        {
            ["_id"] = key,
            ["Opd"] = new BsonArray(rows.Select(r => new BsonValue(r.Opd))),
            ["Nip"] = new BsonArray(rows.Select(r => new BsonValue(r.Nip))),
            ["Counts"] = counts,
        };
    }

    private static IEnumerable<ClickFigure> FromDocument(BsonDocument document, string? opd)
    {
        var (opds, nips, counts) = (document["Opd"].AsArray, document["Nip"].AsArray, document["Counts"].AsBinary);
        for (var i = 0; i < opds.Count; i++)
        {
            var rowOpd = opds[i].AsString;
            if (opd is null || string.Equals(rowOpd, opd, StringComparison.Ordinal))
            {
                var span = counts.AsSpan(i * RowSize, RowSize);
                yield return new ClickFigure(
                    default,
                    rowOpd,
                    nips[i].AsString,
                    BinaryPrimitives.ReadInt32LittleEndian(span),
                    BinaryPrimitives.ReadInt32LittleEndian(span[4..]),
                    BinaryPrimitives.ReadInt32LittleEndian(span[8..]));
            }
        }
    }
}
