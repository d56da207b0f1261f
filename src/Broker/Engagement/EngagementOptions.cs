namespace Broker.Engagement;

/// <summary>When published posts' metrics are read back, and how often accounts' own posts are imported (<c>Engagement</c> section).</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>Whether metrics are read and native posts imported at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Whether accounts' own recent posts are imported (with <see cref="Enabled"/>).</summary>
    public bool ImportNative { get; set; } = true;

    /// <summary>The ages of a published post at which its metrics are read: by default 1 hour, 24 hours and 7 days.</summary>
    public List<TimeSpan> ReadAt { get; set; } = [];

    /// <summary>How often every node looks for reads that came due.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads at once, across accounts: kept small so reading never takes the publishing's connections or writer turns.</summary>
    public int MaxConcurrentReads { get; set; } = 2;

    /// <summary>Due reads taken per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a node's claim on one read keeps other nodes off it; after that another takes it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the first retry of a failed read; it doubles with each failure, up to six hours.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failed reads of one post at one age before that reading is given up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long an account whose token may not read metrics is left alone, unless it is reconnected sooner.</summary>
    public TimeSpan NotPermittedPause { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Readings due longer ago than this when a post is first seen (a broker started on an old database) are not made.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often each account's own recent posts are read.</summary>
    public TimeSpan NativeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far back an import looks.</summary>
    public TimeSpan NativeLookBack { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Posts asked for per account and import.</summary>
    public int NativeLimit { get; set; } = 50;

    /// <summary><see cref="ReadAt"/>, or the defaults when none are configured.</summary>
    public IReadOnlyList<TimeSpan> Ages => ReadAt.Count > 0 ? [.. ReadAt.Distinct().Order()] : [TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];
}
