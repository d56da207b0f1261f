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

    /// <summary>
    /// How long after a local day ends its click figures are computed (<see cref="ClickFigureDays"/>): longer than the
    /// click writer takes to store the day's last clicks (it writes every 50 ms, and tries a failed batch again each second).
    /// </summary>
    public TimeSpan ClickFiguresAfter { get; set; } = TimeSpan.FromMinutes(15);
}
