using System.Diagnostics;
using Broker.Telemetry;
using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process, on files the broker opens itself (<see cref="LiteDbFile"/>; LiteDB
/// treats that like its Direct mode: one process, no Shared mode). The durability story, in one place:
/// <list type="number">
/// <item>Every write runs in the single writer's turn (<see cref="Write{T}(Func{T})"/>, or batched by
/// <see cref="GroupCommit"/>); <see cref="WriterTurnEngine"/> fails any write made beside it.</item>
/// <item>LiteDB 5.0.21 has written a commit's pages into the log file when <c>Commit</c> returns, on the committing
/// thread (see <see cref="LiteDbFile"/>), but forces nothing to disk at commit (litedb #1489, #2127, #2818).</item>
/// <item>The broker then forces the log to disk (fsync) once per turn, or once per batch of commits, before any caller
/// of those commits hears they are done: a completed write survives a crash and a power cut.</item>
/// <item>A checkpoint copies the log into the data file, forces the data file to disk, and only then empties the
/// log.</item>
/// <item>A failed fsync is final (<see cref="FailStop"/>): every later write is refused and the broker stops, so the
/// restart recovers from what is on disk.</item>
/// </list>
/// The engine is entered by one thread at a time (<see cref="OneCallAtATimeEngine"/>, for litedb #2817's page-cache race).
/// New files compare strings ordinally (<see cref="Collation.Binary"/>), so an id finds only itself; files made before
/// keep the case-blind collation in their header, and the stores check ids ordinally after each look-up
/// (<see cref="LiteDb.LiteDbCollection{T}"/>). Dates are stored as UTC; the mapper turns <see cref="DateTimeOffset"/>
/// into UTC date-times and back.
/// </summary>
internal sealed class BrokerDatabase : IDisposable
{
    private readonly Lock writes = new();
    private readonly GroupCommit groupCommit;
    private readonly LiteDbFile data;
    private readonly LiteDbFile log;
    private readonly FailStop failStop;
    private readonly BrokerMetrics? metrics;

    public BrokerDatabase(IOptions<StorageOptions> options, FailStop failStop, BrokerMetrics? metrics = null)
    {
        // Relative to the working directory, so `dotnet run` from the checkout keeps its data in ./data/.
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        this.failStop = failStop;
        this.metrics = metrics;
        data = LiteDbFile.Data(path, failStop);
        log = LiteDbFile.Log(path, failStop);

        // LiteDB takes a collation only for a new file; an existing one keeps its header's and refuses another.
        var collation = data.Length == 0 ? Collation.Binary : null;
        var engine = new LiteEngine(new EngineSettings { DataStream = data, LogStream = log, Collation = collation });
        Database = new LiteDatabase(new WriterTurnEngine(new OneCallAtATimeEngine(engine), () => writes.IsHeldByCurrentThread, failStop, Versions), CreateMapper());
        groupCommit = new GroupCommit(Database, writes, log.SyncToDisk, metrics);
    }

    /// <summary>For tests: a database of its own, stopped by nothing.</summary>
    internal BrokerDatabase(IOptions<StorageOptions> options)
        : this(options, new FailStop())
    {
    }

    public LiteDatabase Database { get; }

    /// <summary>The versions of this file's collections, moved after each committed write.</summary>
    public LiteDb.CollectionVersions Versions { get; } = new();

    /// <summary>The data file, for tests that watch or fail its operations.</summary>
    internal LiteDbFile DataFile => data;

    /// <summary>The log, for tests that watch or fail its operations.</summary>
    internal LiteDbFile LogFile => log;

    public string FilePath { get; }

    /// <summary>The titles of this file's items recently read, kept until an item changes.</summary>
    internal LiteDb.ItemTitleCache ItemTitles { get; } = new();

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs one write, never at the same time as another, and forces the log to disk before returning. LiteDB corrupts
    /// the free-page list in its header when write transactions on different collections run at once (litedb #2825:
    /// "ENSURE: empty page must be defined as empty type", then every later write fails). 5.0.21 carries the main fix
    /// (#2504: the free list is read at its latest version, and a commit writes its pages under the header's lock), but
    /// #2825 was closed only on the development branch, after two later changes (#2743, #2956), and the same failure is
    /// still reported on 5.0.21 (#1940): the single writer stays. Reads need no turn.
    /// </summary>
    public T Write<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (writes)
        {
            var result = write();
            SyncLog();
            return result;
        }
    }

    /// <inheritdoc cref="Write{T}(Func{T})"/>
    public void Write(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (writes)
        {
            write();
            SyncLog();
        }
    }

    private void SyncLog()
    {
        var started = Stopwatch.GetTimestamp();
        log.SyncToDisk();
        metrics?.Synced("log", Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Runs one small write (an insert, an update) in a transaction shared with the writes other callers queued at the
    /// same moment (<see cref="GroupCommit"/>); completes once it is committed. The write must touch only the database:
    /// it may run twice when another write of its batch fails.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return groupCommit.Enqueue(write);
    }

    /// <inheritdoc cref="WriteAsync{T}(Func{T})"/>
    public Task WriteAsync(Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return groupCommit.Enqueue(() =>
        {
            write();
            return true;
        });
    }

    /// <summary>Transactions the group commit has made so far: a gauge of how well writes are batched.</summary>
    public long GroupTransactions => groupCommit.Transactions;

    public void Checkpoint() => Write(Database.Checkpoint);

    /// <summary>
    /// Copies the database, consistent and whole, to <paramref name="target"/> (a new file) while the broker serves: in
    /// one writer turn, the log is folded into the data file (and forced to disk) and the data file is copied, so no
    /// commit lands in between and the copy needs no log. Reads go on meanwhile; writes wait for the copy. Returns the
    /// bytes copied.
    /// </summary>
    public long CopyTo(string target) => Write(() =>
    {
        Database.Checkpoint();
        using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        using var copy = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        source.CopyTo(copy);
        copy.Flush(flushToDisk: true);
        return copy.Length;
    });

    public void Dispose()
    {
        try
        {
            groupCommit.Dispose();
            if (!failStop.IsTripped)
            {
                Checkpoint(); // after a failed fsync, the restart folds the log from what is on disk
            }
        }
        catch (CheckpointPostponedException)
        {
            // A reader is still open (one left undisposed): the next start folds the log.
        }
        catch (LockRecursionException)
        {
            // The disposing thread still holds a read lock of LiteDB's (a reader left open on this pool thread), so the
            // closing checkpoint cannot take the write lock. It is only a head start: the next start folds the log.
        }
        finally
        {
            Database.Dispose();
            log.Dispose();
            data.Dispose();
        }
    }

    /// <summary>The mapper of the broker's database, with every stored type mapped before it is shared (<see cref="MapperWarmUp"/>).</summary>
    internal static BsonMapper CreateMapper()
    {
        var mapper = new LiteDb.KeyedMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        MapperWarmUp.Map(mapper, StoredTypes());
        return mapper;
    }

    // Every type a store keeps: the types of the LiteDB collections (a test checks none is missing).
    private static IEnumerable<Type> StoredTypes() => typeof(BrokerDatabase).Assembly.GetTypes()
        .Select(t => t.BaseType)
        .Where(b => b is { IsGenericType: true } && b.GetGenericTypeDefinition() == typeof(LiteDb.LiteDbCollection<>))
        .Select(b => b!.GetGenericArguments()[0]);
}
