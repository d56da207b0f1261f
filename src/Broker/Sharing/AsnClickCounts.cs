namespace Broker.Sharing;

/// <summary>
/// One ASN's click counts as their share page shows them: each of their links' counts (by code; a link never clicked is
/// absent) and the counts over all their links, where a visitor who clicked two of their links is one visitor.
/// </summary>
public sealed record AsnClickCounts(IReadOnlyDictionary<string, ClickCounts> PerLink, ClickCounts All)
{
    /// <summary>
    /// Every link the ASN has (clicked or not), read with the counts: the share list finds its links here rather than
    /// reading them a second time.
    /// </summary>
    public IReadOnlyList<ShareLink> Links { get; init; } = [];

    /// <summary>The counts tallied from the ASN's raw clicks and rolled-up days, read in full (the way before counters).</summary>
    public static AsnClickCounts Tally(IEnumerable<StoredClick> clicks, IEnumerable<ClickDay> days)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(days);
        var all = new ClickTally();
        var perLink = new Dictionary<string, ClickTally>(StringComparer.Ordinal);
        foreach (var click in clicks)
        {
            all.Add(click.Visitor);
            ClickTally.For(perLink, click.Link.Id).Add(click.Visitor);
        }

        foreach (var day in days)
        {
            all.Add(day);
            ClickTally.For(perLink, day.Link.Id).Add(day);
        }

        return new AsnClickCounts(perLink.ToDictionary(p => p.Key, p => p.Value.Counts, StringComparer.Ordinal), all.Counts);
    }
}
