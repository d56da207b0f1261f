namespace Broker.Sharing;

/// <summary>Clicks counted total and unique (distinct visitors).</summary>
public sealed record ClickCounts(int Total, int Unique)
{
    public static ClickCounts Of(IEnumerable<Click> clicks)
    {
        var total = 0;
        var visitors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var click in clicks)
        {
            total++;
            visitors.Add(click.Visitor);
        }

        return new ClickCounts(total, visitors.Count);
    }
}
