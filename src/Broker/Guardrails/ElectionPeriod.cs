namespace Broker.Guardrails;

/// <summary>
/// A period of an election (a campaign, a quiet period, a voting day) with the terms that name its contestants: candidate
/// and party names, ballot numbers, slogans. During it, review flags every term an item names, refuses approval under
/// <see cref="ElectionRule.Refuse"/> unless an editor overrides with a reason, and the ASN share list leaves such items
/// out (or shares nothing at all when <see cref="FreezeAsnSharing"/>).
/// </summary>
public sealed class ElectionPeriod
{
    public required string Id { get; set; }

    /// <summary>Counts the stored changes; a change is written only over the version it was read at.</summary>
    public long Version { get; set; }

    public required string Name { get; set; }

    public ElectionKind Kind { get; set; }

    public ElectionRule Rule { get; set; }

    /// <summary>No item at all is offered on the ASN share lists during the period.</summary>
    public bool FreezeAsnSharing { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>The end, exclusive.</summary>
    public DateTimeOffset EndsAt { get; set; }

    public List<string> Terms { get; set; } = [];

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Covers(DateTimeOffset at) => StartsAt <= at && at < EndsAt;
}
