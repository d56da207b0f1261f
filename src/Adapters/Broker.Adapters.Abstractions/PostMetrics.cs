namespace Broker.Adapters;

/// <summary>One reading of a post's metrics.</summary>
/// <param name="Values">The platform's metric names with their values, as the platform spells them.</param>
/// <param name="Skipped">The names asked for that the platform no longer knows (retired or renamed); empty normally.</param>
public sealed record PostMetrics(IReadOnlyDictionary<string, long> Values, IReadOnlyList<string> Skipped)
{
    /// <summary>Metrics with nothing skipped.</summary>
    public PostMetrics(IReadOnlyDictionary<string, long> values)
        : this(values, [])
    {
    }
}
