namespace Broker.Guardrails;

/// <summary>A suspension as the API shows it; <c>id</c> is the scope's key, used to resume it.</summary>
public sealed record SuspensionView(
    string Id,
    SuspensionScope Scope,
    string? Target,
    string Reason,
    string SuspendedBy,
    DateTimeOffset SuspendedAt,
    DateTimeOffset? ResumeAt,
    DateTimeOffset? ResumedAt,
    string? ResumedBy)
{
    public static SuspensionView Of(Suspension s) => new(s.Id, s.Scope, s.Target, s.Reason, s.SuspendedBy, s.SuspendedAt, s.ResumeAt, s.ResumedAt, s.ResumedBy);

    /// <summary>Why a delivery waits, for the deliveries view.</summary>
    public static string WaitingFor(Suspension s) =>
        $"Publishing is suspended for {s.Id} since {s.SuspendedAt:u}: {s.Reason}" + (s.ResumeAt is { } at ? $" (resumes at {at:u})" : " (until an editor resumes it)");
}
