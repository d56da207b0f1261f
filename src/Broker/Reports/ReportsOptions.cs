using System.ComponentModel.DataAnnotations;

namespace Broker.Reports;

/// <summary>The thresholds the reports judge by (<c>Reports</c> section).</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>An OPD whose channels have not posted for more than this many days is flagged as not updating.</summary>
    [Range(1, 365)]
    public int StaleAfterDays { get; set; } = 7;

    /// <summary>The two-hour rule: an item should be published within this time after its event ended.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PublishWithin { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The longest period one report may cover.</summary>
    [Range(1, 3660)]
    public int MaxPeriodDays { get; set; } = 400;
}
