namespace Broker.Reports;

/// <summary>The time a report covers: from (inclusive) to (exclusive).</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    public bool Contains(DateTimeOffset? at) => at is { } value && Contains(value);
}
