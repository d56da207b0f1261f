namespace Broker.Storage;

/// <summary>Which store the broker uses and where the embedded one keeps its file (<c>Storage</c> section).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Broker</c>).</summary>
    public const string ConnectionStringName = "Broker";

    /// <summary><see cref="StorageProvider.LiteDb"/> (one node, the default) or <see cref="StorageProvider.PostgreSql"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The LiteDB file. Relative paths are under the working directory.</summary>
    public string DatabasePath { get; set; } = "data/broker.db";

    /// <summary>
    /// With PostgreSQL, a folder every node shares (an NFS mount, say) for the photos' bytes instead of the database; unset
    /// (the default), photos are kept in the database. Relative paths are under the working directory.
    /// </summary>
    public string? MediaPath { get; set; }

    /// <summary>How often the LiteDB log is folded into the data file (LiteDB's auto-checkpoint can give up).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the intent journal (LiteDB) is compacted while the broker runs, besides at every start.</summary>
    public TimeSpan JournalCompactionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long finished work stays among the working items and deliveries before it is archived (see
    /// <see cref="ArchiveRule"/>); <c>0</c> or empty keeps everything where it is.
    /// </summary>
    public TimeSpan? ArchiveAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the archiving sweep looks for finished work.</summary>
    public TimeSpan ArchiveInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The most bytes of <c>GET /api/items</c> answers kept for callers asking the same again before anything changes
    /// (<see cref="Intake.ItemListCache"/>); <c>0</c> keeps none. LiteDB only.
    /// </summary>
    public long ItemListCacheBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long the background upgrade of a database written by an earlier version waits between two of its steps (each
    /// one write turn), so that the writes of the work at hand go first on a busy file; zero: only each step's turn in
    /// the writer's queue. LiteDB only.
    /// </summary>
    public TimeSpan UpgradeStepPause { get; set; } = TimeSpan.Zero;

    /// <summary>Whether finished work is archived (<see cref="ArchiveAfter"/> set and not zero).</summary>
    public bool Archives => ArchiveAfter is { } after && after != TimeSpan.Zero;
}
