namespace Broker.Reports;

/// <summary>The thresholds the reports judge by (<c>Reports</c> section).</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>An OPD whose channels have not posted for more than this many days is flagged as not updating.</summary>
    public int StaleAfterDays { get; set; } = 7;

    /// <summary>The two-hour rule: an item should be published within this time after its event ended.</summary>
    public TimeSpan PublishWithin { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The longest period one report may cover.</summary>
    public int MaxPeriodDays { get; set; } = 400;

    /// <summary>How often the daily figures' dirty days are computed again (<see cref="DailyFigureSweep"/>).</summary>
    public TimeSpan FiguresInterval { get; set; } = TimeSpan.FromMinutes(1);
}
