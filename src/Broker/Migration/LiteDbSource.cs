using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using LiteDB.Engine;

namespace Broker.Migration;

/// <summary>
/// The LiteDB installation being copied, opened by the migration alone (<see cref="LiteDbFile.OpenExclusive"/>): while
/// it is open no broker can run on the file, and a broker running on it makes the opening fail. Collections are read a
/// batch at a time in id order, each batch its own read, so a long collection is never held in memory.
/// </summary>
internal sealed class LiteDbSource : IDisposable
{
    /// <summary>The collection of clicks stored before batches; the broker converts it when it starts.</summary>
    private const string LegacyClicks = "clicks";

    private readonly LiteDbFile data;
    private readonly LiteDbFile log;
    private readonly LiteDatabase database;

    private LiteDbSource(string path, LiteDbFile data, LiteDbFile log)
    {
        Path = path;
        this.data = data;
        this.log = log;
        database = new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = data, LogStream = log }), BrokerDatabase.CreateMapper());
    }

    public string Path { get; }

    /// <summary>Opens the database at <paramref name="path"/>, or refuses with the reason.</summary>
    public static LiteDbSource Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new MigrationRefusedException($"There is no LiteDB database at {full} (Storage:DatabasePath).");
        }

        (LiteDbFile Data, LiteDbFile Log) files;
        try
        {
            files = LiteDbFile.OpenExclusive(full, new FailStop());
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new MigrationRefusedException(
                $"The LiteDB database {full} is open in another process: a broker is running on it. Stop the broker, then migrate. ({ex.Message})");
        }

        var source = new LiteDbSource(full, files.Data, files.Log);
        if (source.database.CollectionExists(LegacyClicks) && source.database.GetCollection(LegacyClicks).LongCount() > 0)
        {
            source.Dispose();
            throw new MigrationRefusedException(
                "The database still keeps clicks in the format before click batches: start the broker on it once (it converts them at start), stop it, then migrate.");
        }

        return source;
    }

    public long Count(string collection) => database.CollectionExists(collection) ? database.GetCollection(collection).LongCount() : 0;

    /// <summary>The collection's documents as <typeparamref name="T"/>, <paramref name="size"/> at a time, in id order.</summary>
    public IEnumerable<IReadOnlyList<T>> Batches<T>(string collection, int size) =>
        Documents(collection, size).Select(batch => (IReadOnlyList<T>)[.. batch.Select(database.Mapper.ToObject<T>)]);

    /// <summary>The collection's documents, <paramref name="size"/> at a time, in id order.</summary>
    public IEnumerable<IReadOnlyList<BsonDocument>> Documents(string collection, int size)
    {
        if (!database.CollectionExists(collection))
        {
            yield break;
        }

        var documents = database.GetCollection(collection);
        var after = BsonValue.MinValue;
        while (documents.Find(Query.GT("_id", after), 0, size).ToList() is { Count: > 0 } batch)
        {
            yield return batch;
            after = batch[^1]["_id"];
        }
    }

    /// <summary>The document with the greatest id at or before <paramref name="id"/>, or null when there is none.</summary>
    /// <summary>The documents of <paramref name="collection"/> whose <paramref name="field"/> is one of <paramref name="values"/> (through its index).</summary>
    public IReadOnlyList<T> Where<T>(string collection, string field, IReadOnlyCollection<string> values) =>
        !database.CollectionExists(collection) || values.Count == 0
            ? []
            : [.. database.GetCollection(collection).Find(Query.In(field, new BsonArray(values.Select(v => new BsonValue(v))))).Select(database.Mapper.ToObject<T>)];

    public BsonDocument? LastAtOrBefore(string collection, BsonValue id) =>
        database.CollectionExists(collection)
            ? database.GetCollection(collection).Query().Where(Query.LTE("_id", id)).OrderByDescending("_id").Limit(1).FirstOrDefault()
            : null;

    /// <summary>The clicks stored in the LiteDB click batches: the sum of each batch's rows.</summary>
    public long CountClicks() =>
        Documents(ClickBatches.Collection, 20).Sum(batch => batch.Sum(document => (long)ClickRows.CountOf(ClickRows.RowsOf(document))));

    /// <summary>The clicks of one click batch, each with the item of its link (the rows keep only the link's code).</summary>
    public IReadOnlyList<Click> ClicksOf(BsonDocument batch)
    {
        var rows = ClickRows.RowsOf(batch);
        var links = database.GetCollection<ShareLink>(ClickBatches.Links);
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        var clicks = new List<Click>(ClickRows.CountOf(rows));
        Span<char> code = stackalloc char[ShareCodes.Length];
        for (var i = 0; i < ClickRows.CountOf(rows); i++)
        {
            ClickRows.CodeOf(rows, i, code);
            var key = code.ToString();
            if (!items.TryGetValue(key, out var item))
            {
                item = (links.FindById(key) is { } link && link.Id == key ? link.ItemId : null)
                    ?? throw new MigrationRefusedException($"A click in LiteDB click batch {batch["_id"]} is on share link {key}, which is not in the database.");
                items.Add(key, item);
            }

            clicks.Add(new Click(key, item, ShareChannels.NumberOf(ClickRows.ChannelOf(rows, i)), ClickRows.VisitorOf(rows, i), ClickRows.AtOf(rows, i)));
        }

        return clicks;
    }

    /// <summary>The photos' files (originals and JPEG renditions): in chunks, or in LiteDB's file storage when stored before chunks.</summary>
    public long CountFiles(Func<string, bool> which) =>
        database.FileStorage.FindAll().LongCount(file => which(file.Id)) + LiteDbChunks.FileIds(database.GetCollection(LiteDbChunks.Media)).LongCount(which);

    /// <summary>Opens a stored file, or null when there is none with exactly that id.</summary>
    public Stream? OpenFile(string id) =>
        LiteDbChunks.OpenRead(database.GetCollection(LiteDbChunks.Media), id)
        ?? (database.FileStorage.FindById(id) is { } file && file.Id == id ? file.OpenRead() : null);

    public void Dispose()
    {
        database.Dispose();
        log.Dispose();
        data.Dispose();
    }

    /// <summary>Where the LiteDB click store keeps its batches and links.</summary>
    internal static class ClickBatches
    {
        public const string Collection = "clickbatches";
        public const string Links = "sharelinks";
    }
}
