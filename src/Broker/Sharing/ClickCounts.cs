namespace Broker.Sharing;

/// <summary>Clicks counted total and unique (distinct visitors).</summary>
public sealed record ClickCounts(int Total, int Unique)
{
    public static ClickCounts None { get; } = new(0, 0);
}
