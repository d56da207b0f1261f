namespace Broker.Adapters.Graph;

/// <summary>A platform's error table: the first matching row wins, so specific rows come before general ones.</summary>
/// <param name="Rows">The rows, ending with an <see cref="GraphErrorRule.Otherwise"/> row.</param>
public sealed record GraphErrorTable(IReadOnlyList<GraphErrorRule> Rows)
{
    /// <summary>The first row that matches <paramref name="error"/>.</summary>
    public GraphErrorRule Find(GraphError error) =>
        Rows.FirstOrDefault(row => row.Matches(error))
        ?? throw new InvalidOperationException("An error table must end with a row that matches every error.");
}
