namespace Broker.Scheduling;

/// <summary>How far ahead the scheduler holds wake-ups (<c>Scheduling</c> section).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>
    /// Only deliveries due within this much of now have a Quartz trigger (about 740 bytes each); later ones wait in a
    /// sorted list (about 100 bytes each) and get their trigger as the window moves, every quarter of it.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the window moves and the deliveries it reaches are scheduled.</summary>
    public TimeSpan FeedInterval => Window / 4;
}
