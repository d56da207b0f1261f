using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// The one <see cref="LiteDatabase"/> of the process, on files the broker opens itself (<see cref="LiteDbFile"/>; LiteDB
/// treats that like its Direct mode: one process, no Shared mode). A write is on disk before its caller hears it is
/// done, as before, but the forcing to disk is shared by the writes that commit together (<see cref="GroupCommit"/>).
/// Dates are stored as UTC; the mapper turns <see cref="DateTimeOffset"/> into UTC date-times and back.
/// </summary>
internal sealed class BrokerDatabase : IDisposable
{
    private readonly Lock writes = new();
    private readonly GroupCommit groupCommit;
    private readonly LiteDbFile data;
    private readonly LiteDbFile log;

    public BrokerDatabase(IOptions<StorageOptions> options)
    {
        // Relative to the working directory, so `dotnet run` from the checkout keeps its data in ./data/.
        var path = Path.GetFullPath(options.Value.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        data = LiteDbFile.Data(path);
        log = LiteDbFile.Log(path);
        Database = new LiteDatabase(data, CreateMapper(), log);
        groupCommit = new GroupCommit(Database, writes, log.SyncToDisk);
    }

    public LiteDatabase Database { get; }

    public string FilePath { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs one write, never at the same time as another. LiteDB 5.0.20 corrupts the free-page list in its header when
    /// write transactions on different collections run at once (litedb #2825: "ENSURE: empty page must be defined as
    /// empty type", then every later write fails); 5.0.21 narrows the race but is not served here. Reads need no turn.
    /// </summary>
    public T Write<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (writes)
        {
            var result = write();
            log.SyncToDisk();
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
            log.SyncToDisk();
        }
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

    public void Dispose()
    {
        try
        {
            groupCommit.Dispose();
            Checkpoint();
        }
        finally
        {
            Database.Dispose();
            log.Dispose();
            data.Dispose();
        }
    }

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, SerializeNullValues = false, TrimWhitespace = false, EmptyStringToNull = false };
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        return mapper;
    }
}
