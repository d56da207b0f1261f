namespace Broker.Soak;

/// <summary>A channel account as the broker's API shows it.</summary>
internal sealed record AccountRow(string Id, string Platform, string ExternalId, string Status);

/// <summary>A delivery as the broker's API shows it.</summary>
internal sealed record DeliveryRow(string Id, string AccountId, string Platform, string Status, int Attempts, string? RemotePostId, string? Error, string Text);

/// <summary>An audit entry as the broker's API shows it.</summary>
internal sealed record AuditRow(string Action, string ObjectId);
