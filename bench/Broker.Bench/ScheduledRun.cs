namespace Broker.Bench;

/// <summary><paramref name="Deliveries"/> due one after another, evenly over <paramref name="Spread"/>.</summary>
internal sealed record ScheduledRun(int Deliveries, TimeSpan Spread);
