namespace Broker.Sharing;

/// <summary>Counts clicks as they are read, total and distinct visitors, without keeping the clicks.</summary>
public sealed class ClickTally
{
    private readonly HashSet<UInt128> visitors = [];
    private int total;

    public void Add(UInt128 visitor)
    {
        total++;
        visitors.Add(visitor);
    }

    public ClickCounts Counts => new(total, visitors.Count);

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
