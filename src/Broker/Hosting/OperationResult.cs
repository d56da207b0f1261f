namespace Broker;

/// <summary>
/// Whether a requested change of state was done. When refused: a conflict with the object's state (409), or content
/// problems per field (422), each worded for the person who must fix it.
/// </summary>
public sealed record OperationResult(string? ConflictReason, IReadOnlyDictionary<string, string[]>? Problems)
{
    public static readonly OperationResult Ok = new(null, null);

    public bool Succeeded => ConflictReason is null && Problems is null;

    public static OperationResult Conflict(string reason) => new(reason, null);

    public static OperationResult Invalid(IReadOnlyDictionary<string, string[]> problems) => new(null, problems);
}
