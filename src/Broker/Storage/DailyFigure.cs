namespace Broker.Storage;

/// <summary>
/// One account's figures for one local day (<see cref="LocalDays"/>): its deliveries first due that day by status (pending:
/// scheduled, publishing or retrying; other: being removed or edited, removed, or needing manual removal), and its posts published that day with the last one's time. What the delivery
/// health and OPD activity reports sum over whole days instead of reading every delivery.
/// </summary>
public sealed record DailyFigure(
    DateOnly Day,
    string AccountId,
    int Published,
    int Failed,
    int Held,
    int Pending,
    int Cancelled,
    int Other,
    int Posts,
    DateTimeOffset? LastPostAt)
{
    public int Deliveries => Published + Failed + Held + Pending + Cancelled + Other;
}

/// <summary>A day whose figures are to be computed again, with the stamp of its latest mark.</summary>
public sealed record DirtyDay(DateOnly Day, string Stamp);
