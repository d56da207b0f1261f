namespace Broker.Storage;

/// <summary>
/// A file of the LiteDB database (the data file or its log), opened by the broker rather than by LiteDB so that the
/// broker decides when the log is forced to disk. LiteDB 5.0.21 writes a commit's pages into the log on the committing
/// thread, before <c>Commit</c> returns (<c>TransactionService.PersistDirtyPages</c> calls
/// <c>DiskService.WriteLogDisk</c>, which writes each page to the stream under a lock: 5.0.20's background
/// <c>DiskWriterQueue</c> is gone), and never forces the log to disk itself; the group commit does, once per batch,
/// after the batch is committed (<see cref="SyncToDisk"/>). At a checkpoint LiteDB copies the log into the data file
/// and forces that (<c>DiskService.WriteDataDisk</c> ends in <c>FlushToDisk</c>) before it empties the log
/// (<c>WalIndexService.CheckpointInternal</c>, then <c>Clear</c>, then <c>SetLength(0)</c>), so the data file's
/// flushes reach the disk. A failed fsync stops the broker (<see cref="FailStop"/>); from then on nothing is written.
/// </summary>
internal sealed class LiteDbFile : FileStream
{
    private readonly bool syncOnFlush;
    private readonly FailStop failStop;

    private LiteDbFile(string path, bool syncOnFlush, FailStop failStop, FileMode mode = FileMode.OpenOrCreate, FileShare share = FileShare.Read)
        : base(path, mode, FileAccess.ReadWrite, share, bufferSize: 0, FileOptions.RandomAccess)
    {
        this.syncOnFlush = syncOnFlush;
        this.failStop = failStop;
    }

    /// <summary>What reaches the file: a write, a change of length, a forcing to disk.</summary>
    internal enum Operation
    {
        Write,
        SetLength,
        Sync,
    }

    /// <summary>Told of each operation before it is made (the position, or the new length); throwing fails it.</summary>
    internal delegate void Watcher(Operation operation, long position, ReadOnlySpan<byte> bytes);

    /// <summary>For tests only: records the order of operations, or injects a failure.</summary>
    internal Watcher? Watch { get; set; }

    /// <summary>The data file: every flush reaches the disk (LiteDB flushes it at a checkpoint, before emptying the log).</summary>
    public static LiteDbFile Data(string path, FailStop failStop) => new(path, syncOnFlush: true, failStop);

    /// <summary>
    /// The log (LiteDB's write-ahead log, <c>{name}-log{ext}</c> beside the data file): a write hands the pages to the
    /// operating system, which keeps them through a crash of the process; <see cref="SyncToDisk"/> makes them survive a
    /// power cut too, for every commit made before it.
    /// </summary>
    public static LiteDbFile Log(string dataPath, FailStop failStop) => new(LogPath(dataPath), syncOnFlush: false, failStop);

    /// <summary>
    /// The data file and its log of an existing database, each opened by this process alone. On Linux .NET takes an
    /// advisory <c>flock</c> for a file's sharing mode: the broker holds a shared one on both files while it runs, so
    /// this exclusive one fails (an <see cref="IOException"/>) while any broker has the file open, and a broker started
    /// meanwhile cannot open it. The kernel releases the lock when its holder exits, even by SIGKILL.
    /// </summary>
    public static (LiteDbFile Data, LiteDbFile Log) OpenExclusive(string path, FailStop failStop)
    {
        var data = new LiteDbFile(path, syncOnFlush: true, failStop, FileMode.Open, FileShare.None);
        try
        {
            return (data, new LiteDbFile(LogPath(path), syncOnFlush: false, failStop, FileMode.OpenOrCreate, FileShare.None));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Before(Operation.Write, Position, buffer.AsSpan(offset, count));
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Before(Operation.Write, Position, buffer);
        base.Write(buffer);
    }

    public override void SetLength(long value)
    {
        Before(Operation.SetLength, value, default);
        base.SetLength(value);
    }

    public override void Flush() => Flush(syncOnFlush);

    public override void Flush(bool flushToDisk)
    {
        if (syncOnFlush)
        {
            SyncToDisk();
        }
        else
        {
            base.Flush(flushToDisk: false);
        }
    }

    /// <summary>Forces everything written so far to disk (fsync); its failure trips <see cref="FailStop"/>.</summary>
    public void SyncToDisk()
    {
        Before(Operation.Sync, Length, default);
        try
        {
            base.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            throw failStop.Trip(Path.GetFileName(Name), ex);
        }
    }

    private void Before(Operation operation, long position, ReadOnlySpan<byte> bytes)
    {
        failStop.ThrowIfTripped();
        if (Watch is { } watch)
        {
            try
            {
                watch(operation, position, bytes);
            }
            catch (IOException ex) when (operation == Operation.Sync && ex is not FailStopException)
            {
                throw failStop.Trip(Path.GetFileName(Name), ex);
            }
        }
    }

    private static string LogPath(string dataPath) =>
        Path.Combine(Path.GetDirectoryName(dataPath)!, Path.GetFileNameWithoutExtension(dataPath) + "-log" + Path.GetExtension(dataPath));
}
