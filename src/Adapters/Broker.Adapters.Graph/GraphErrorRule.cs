namespace Broker.Adapters.Graph;

/// <summary>One row of a platform's error table: which errors it matches, their class and the advice for a person.</summary>
/// <param name="Matches">Whether the row applies to an error.</param>
/// <param name="Class">What the error means for the delivery.</param>
/// <param name="Advice">What happened and what to do, in words an operator understands.</param>
public sealed record GraphErrorRule(Func<GraphError, bool> Matches, GraphErrorClass Class, string Advice)
{
    /// <summary>Errors with one of <paramref name="codes"/>, whatever the subcode.</summary>
    public static GraphErrorRule Code(int[] codes, GraphErrorClass errorClass, string advice) =>
        new(error => codes.Contains(error.Code), errorClass, advice);

    /// <summary>Errors whose code lies in <paramref name="first"/>..<paramref name="last"/>.</summary>
    public static GraphErrorRule CodeRange(int first, int last, GraphErrorClass errorClass, string advice) =>
        new(error => error.Code >= first && error.Code <= last, errorClass, advice);

    /// <summary>Errors with one of <paramref name="subcodes"/>, whatever the code.</summary>
    public static GraphErrorRule Subcode(int[] subcodes, GraphErrorClass errorClass, string advice) =>
        new(error => error.Subcode is { } subcode && subcodes.Contains(subcode), errorClass, advice);

    /// <summary>Errors the platform flags <c>is_transient</c>.</summary>
    public static GraphErrorRule FlaggedTransient(string advice) =>
        new(error => error.IsTransient, GraphErrorClass.Retry, advice);

    /// <summary>Errors answered with an HTTP 5xx status.</summary>
    public static GraphErrorRule ServerFault(string advice) =>
        new(error => error.HttpStatus >= 500, GraphErrorClass.Retry, advice);

    /// <summary>Every error: the last row of a table.</summary>
    public static GraphErrorRule Otherwise(GraphErrorClass errorClass, string advice) =>
        new(_ => true, errorClass, advice);
}
