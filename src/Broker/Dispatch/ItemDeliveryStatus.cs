namespace Broker.Dispatch;

/// <summary>The status of one of an item's deliveries, read without the delivery's texts (the item list counts them).</summary>
public sealed record ItemDeliveryStatus(string ItemId, DeliveryStatus Status);
