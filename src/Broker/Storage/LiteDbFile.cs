namespace Broker.Storage;

/// <summary>
/// A file of the LiteDB database (the data file or its log), opened by the broker rather than by LiteDB so that the
/// broker decides when it is forced to disk. LiteDB 5.0.20 forces its log to disk (fsync) after every commit, on the
/// committing thread: on this kind of disk that one call is most of what a write costs, and a burst of deliveries
/// waits for thousands of them a second. Given its files as streams, LiteDB asks them only to <see cref="Flush()"/>.
/// </summary>
internal sealed class LiteDbFile : FileStream
{
    private readonly bool syncOnFlush;

    private LiteDbFile(string path, bool syncOnFlush)
        : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess)
    {
        this.syncOnFlush = syncOnFlush;
    }

    /// <summary>
    /// The data file: every flush reaches the disk. LiteDB flushes it when a checkpoint has copied the log into it,
    /// just before it empties the log, so the order that keeps the database whole after a power cut is kept.
    /// </summary>
    public static LiteDbFile Data(string path) => new(path, syncOnFlush: true);

    /// <summary>
    /// The log (LiteDB's write-ahead log, <c>{name}-log{ext}</c> beside the data file): a flush hands the pages to the
    /// operating system, which keeps them through a crash of the process; <see cref="SyncToDisk"/> makes them survive
    /// a power cut too, for every commit made before it, and the group commit calls it once per batch of commits.
    /// </summary>
    public static LiteDbFile Log(string dataPath) =>
        new(Path.Combine(Path.GetDirectoryName(dataPath)!, Path.GetFileNameWithoutExtension(dataPath) + "-log" + Path.GetExtension(dataPath)), syncOnFlush: false);

    public override void Flush() => base.Flush(syncOnFlush);

    public override void Flush(bool flushToDisk) => base.Flush(syncOnFlush);

    /// <summary>Forces everything written so far to disk (fsync).</summary>
    public void SyncToDisk() => base.Flush(flushToDisk: true);
}
