using Broker.Dispatch;

namespace Broker.Scheduling;

/// <summary>What scheduling needs of a delivery still to be published: no text, no media.</summary>
public sealed record PendingDelivery(string Id, string ItemId, DeliveryStatus Status, DateTimeOffset DueAt, bool NeedsReconcile);
