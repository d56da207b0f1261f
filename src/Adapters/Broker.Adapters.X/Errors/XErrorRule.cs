namespace Broker.Adapters.X.Errors;

/// <summary>One row of <see cref="XErrorClassifier.Table"/>: an HTTP status (any when null), a problem type (any when null), an optional detail test.</summary>
internal sealed record XErrorRule(int? Status, string? ProblemKind, Func<XProblem, bool>? Detail, XErrorAction Action, string Reason)
{
    public bool Matches(int status, XProblem problem) =>
        (Status is null || Status == status)
        && (ProblemKind is null || string.Equals(ProblemKind, problem.Kind, StringComparison.OrdinalIgnoreCase))
        && (Detail is null || Detail(problem));
}
