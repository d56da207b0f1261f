namespace Broker.Sharing;

/// <summary>A click read back from the store, with the link it was made on (its ASN, OPD and item).</summary>
public readonly record struct StoredClick(ShareLink Link, string Channel, UInt128 Visitor, DateTimeOffset At);
