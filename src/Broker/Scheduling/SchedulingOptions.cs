using System.ComponentModel.DataAnnotations;

namespace Broker.Scheduling;

/// <summary>How far ahead the scheduler holds wake-ups (<c>Scheduling</c> section).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Only deliveries due within this much of now have a wake-up in the scheduler; later ones stay in the store alone and
    /// are brought in as the window moves (every quarter of it). A shorter window holds fewer wake-ups in memory.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the window moves and the deliveries it reaches are scheduled.</summary>
    public TimeSpan FeedInterval => Window / 4;
}
