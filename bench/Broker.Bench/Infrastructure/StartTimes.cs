namespace Broker.Bench.Infrastructure;

/// <summary>From process start to answering GET /health, and to the end of start-up recovery (every pending delivery scheduled).</summary>
internal sealed record StartTimes(TimeSpan Serving, TimeSpan Scheduled);
