namespace Broker.Engagement;

/// <summary>A reading added up by what its metrics measure (the adapter says which is which), so platforms can be added together.</summary>
public sealed class EngagementTotals
{
    /// <summary>Unique accounts reached; where a platform gives no reach (X), its views.</summary>
    public long Reach { get; set; }

    public long Views { get; set; }

    /// <summary>Reactions, comments, shares and saves.</summary>
    public long Interactions { get; set; }
}
