namespace Broker.Guardrails;

/// <summary>An editor's suspension: <c>scope</c> is city, opd or account; <c>target</c> the OPD code or account id.</summary>
public sealed record SuspendRequest(string? Scope, string? Target, string? Reason, DateTimeOffset? ResumeAt);
