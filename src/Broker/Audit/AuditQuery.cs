namespace Broker.Audit;

public sealed record AuditQuery(string? ObjectId = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 500);
