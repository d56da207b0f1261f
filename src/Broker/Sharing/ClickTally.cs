namespace Broker.Sharing;

/// <summary>
/// Counts clicks as they are read, total and distinct visitors, without keeping the clicks; the counts of purged days
/// (<see cref="ClickDay"/>) are added to them (their visitors are distinct within their day).
/// </summary>
public sealed class ClickTally
{
    private readonly HashSet<UInt128> visitors = [];
    private int total;
    private int rolledUpVisitors;

    public void Add(UInt128 visitor)
    {
        total++;
        visitors.Add(visitor);
    }

    /// <summary>Adds the counts of one link's purged day.</summary>
    public void Add(ClickDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        total += day.Clicks;
        rolledUpVisitors += day.Visitors;
    }

    public ClickCounts Counts => new(total, visitors.Count + rolledUpVisitors);

    /// <summary>The tally of <paramref name="key"/>, made on first use.</summary>
    public static ClickTally For<TKey>(Dictionary<TKey, ClickTally> tallies, TKey key)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(tallies);
        if (!tallies.TryGetValue(key, out var tally))
        {
            tally = new ClickTally();
            tallies.Add(key, tally);
        }

        return tally;
    }
}
