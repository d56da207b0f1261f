namespace Broker.Guardrails;

/// <summary>
/// Publishing stopped for a scope (the whole city, one OPD or one account) by an editor, with a reason and an optional
/// automatic resume time. One document per scope: its <see cref="Id"/> is the scope's key, so two suspensions of one scope
/// cannot both be active; a resumed one is replaced by the next suspension of that scope over its <see cref="Version"/>.
/// </summary>
public sealed class Suspension
{
    /// <summary>The scope's key: <c>city</c>, <c>opd:{code}</c> or <c>account:{id}</c> (<see cref="SuspensionScopes"/>).</summary>
    public required string Id { get; set; }

    /// <summary>Counts the stored changes; a change is written only over the version it was read at.</summary>
    public long Version { get; set; }

    public SuspensionScope Scope { get; set; }

    /// <summary>The OPD code or the account id; null for the city.</summary>
    public string? Target { get; set; }

    /// <summary>Unique per suspension of the scope, for events and the audit trail.</summary>
    public required string SuspensionId { get; set; }

    public required string Reason { get; set; }

    public required string SuspendedBy { get; set; }

    public DateTimeOffset SuspendedAt { get; set; }

    /// <summary>When publishing resumes on its own; null: only an editor resumes it.</summary>
    public DateTimeOffset? ResumeAt { get; set; }

    public DateTimeOffset? ResumedAt { get; set; }

    public string? ResumedBy { get; set; }

    /// <summary>Whether it holds publishing back at <paramref name="now"/>: not resumed, and its resume time not reached.</summary>
    public bool IsActive(DateTimeOffset now) => ResumedAt is null && !(ResumeAt <= now);
}
