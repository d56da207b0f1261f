namespace Broker.Bench.Infrastructure;

/// <summary><see cref="Count"/> deliveries due evenly from <see cref="First"/> over <see cref="Spread"/> (zero: all at once).</summary>
internal sealed record DuePlan(DateTimeOffset First, TimeSpan Spread, int Count)
{
    public DateTimeOffset At(int index) => First + (Spread * index / Count);

    /// <summary>
    /// Plans the due times once the items are seeded: after the deliveries' seeding (about as long as the items') and the
    /// broker's start-up (a few seconds, plus about a second per 10,000 pending), with a margin.
    /// </summary>
    public static Func<TimeSpan, DuePlan> AfterStartUp(int count, TimeSpan spread) =>
        itemsTook => new DuePlan(Clock.Now + (itemsTook * 1.5) + TimeSpan.FromSeconds(3 + (count / 10_000.0)), spread, count);
}
