namespace Broker;

/// <summary>
/// Whether a requested change of state was done. When refused: a conflict with the object's state (409, with the state
/// it is in now), or content problems per field (422), each worded for the person who must fix it.
/// </summary>
public sealed record OperationResult(string? ConflictReason, IReadOnlyDictionary<string, string[]>? Problems)
{
    public static readonly OperationResult Ok = new(null, null);

    public bool Succeeded => ConflictReason is null && Problems is null;

    /// <summary>The object's status when a conflict was found (camelCase), for the caller to act on.</summary>
    public string? CurrentStatus { get; init; }

    public static OperationResult Conflict(string reason) => new(reason, null);

    public static OperationResult Conflict<TStatus>(string reason, TStatus current)
        where TStatus : struct, Enum => new(reason, null) { CurrentStatus = Naming.Camel(current) };

    public static OperationResult Invalid(IReadOnlyDictionary<string, string[]> problems) => new(null, problems);
}
