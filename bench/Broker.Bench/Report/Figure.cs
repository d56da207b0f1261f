namespace Broker.Bench.Report;

/// <summary>One row of the table: a measured figure beside its reference from the same run and the target.</summary>
internal sealed record Figure(string Section, string Name, string Measured, string Reference, string Target, Verdict Verdict)
{
    public static Figure Info(string section, string name, string measured, string reference = "") =>
        new(section, name, measured, reference, "", Verdict.Info);

    /// <summary>A figure judged against a target; in a quick run the target is shown but not judged.</summary>
    public static Figure Judged(string section, string name, string measured, string reference, string target, bool met, bool quick) =>
        new(section, name, measured, reference, target, quick ? Verdict.NotJudged : met ? Verdict.Pass : Verdict.Miss);

    public static Figure Failed(string section, string name, string error) =>
        new(section, name, "error: " + error, "", "", Verdict.Error);
}
