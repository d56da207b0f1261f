namespace Broker.Storage;

/// <summary>How many deliveries wait (scheduled, retrying) and how many are being published, at one look.</summary>
public sealed record PendingCounts(long Scheduled, long Retrying, long Publishing);
