namespace Broker.Scheduling;

public readonly record struct DueDelivery(string DeliveryId, DateTimeOffset DueAt);
