namespace Broker.Bench.Infrastructure;

/// <summary>What was seeded, how many bytes the items and the deliveries added to the LiteDB file, and when they are due.</summary>
internal sealed record SeedResult(int Deliveries, int Accounts, long ItemBytes, long DeliveryBytes, long FileBytes, DuePlan Due);
