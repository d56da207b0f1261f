namespace Broker.Bench.Infrastructure;

/// <summary>What was seeded, and how many bytes the items and the deliveries added to the LiteDB file.</summary>
internal sealed record SeedResult(int Deliveries, int Accounts, long ItemBytes, long DeliveryBytes, long FileBytes);
