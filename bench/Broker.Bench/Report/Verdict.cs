namespace Broker.Bench.Report;

internal enum Verdict
{
    /// <summary>A figure with no target of its own.</summary>
    Info,
    Pass,
    Miss,

    /// <summary>A quick run: sizes too small for the target to apply.</summary>
    NotJudged,

    /// <summary>Not measured (not built yet, or a tool is missing).</summary>
    Skipped,

    /// <summary>The measurement itself broke.</summary>
    Error,
}
