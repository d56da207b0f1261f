using System.ComponentModel.DataAnnotations;

namespace Broker.Retraction;

/// <summary>How retracted items' posts are removed (<see cref="RemovalWorker"/>).</summary>
public sealed class RetractionOptions
{
    public const string Section = "Retraction";

    /// <summary>How often every node looks for posts still to be removed (a lost wake-up, a retry that came due, a dead node's claim).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node's claim on one removal keeps other nodes off it; after that a sweep takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait before the first retry of a failed delete; it doubles with each failure, up to an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed deletes of one post before it is handed to a person as "manual removal needed".</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;
}
