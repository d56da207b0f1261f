namespace Broker.Retraction;

/// <summary>How retracted items' posts are removed (<see cref="RemovalWorker"/>).</summary>
public sealed class RetractionOptions
{
    public const string Section = "Retraction";

    /// <summary>How often every node looks for posts still to be removed (a lost wake-up, a retry that came due, a dead node's claim).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node's claim on one removal keeps other nodes off it; after that a sweep takes it over.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before the first retry of a failed delete; it doubles with each failure, up to an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed deletes of one post before it is handed to a person as "manual removal needed".</summary>
    public int MaxAttempts { get; set; } = 8;
}
