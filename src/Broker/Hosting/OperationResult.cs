using Broker.Api;

namespace Broker;

/// <summary>
/// Whether a requested change of state was done. When refused: a conflict with the object's state (409, with the state
/// it is in now), or content problems per field (422), each worded for the person who must fix it: in English for the
/// API, and as a coded <see cref="UserMessage"/> that pages word in the reader's language.
/// </summary>
public sealed record OperationResult(string? ConflictReason, IReadOnlyDictionary<string, string[]>? Problems)
{
    public static readonly OperationResult Ok = new(null, null);

    public bool Succeeded => ConflictReason is null && Problems is null;

    /// <summary>The object's status when a conflict was found (camelCase), for the caller to act on.</summary>
    public string? CurrentStatus { get; init; }

    /// <summary>The conflict with its code, when it has one; <see cref="ConflictReason"/> is its English.</summary>
    public UserMessage? Reason { get; init; }

    /// <summary>The problems with their codes, when they have them; <see cref="Problems"/> is their English.</summary>
    public IReadOnlyDictionary<string, UserMessage[]>? Messages { get; init; }

    public static OperationResult Conflict(string reason) => new(reason, null);

    public static OperationResult Conflict<TStatus>(string reason, TStatus current)
        where TStatus : struct, Enum => new(reason, null) { CurrentStatus = Naming.Camel(current) };

    public static OperationResult Conflict(UserMessage reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(reason.English, null) { Reason = reason };
    }

    public static OperationResult Conflict<TStatus>(UserMessage reason, TStatus current)
        where TStatus : struct, Enum => Conflict(reason) with { CurrentStatus = Naming.Camel(current) };

    public static OperationResult Invalid(IReadOnlyDictionary<string, string[]> problems) => new(null, problems);

    public static OperationResult Invalid(IReadOnlyDictionary<string, UserMessage[]> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new(null, problems.ToDictionary(p => p.Key, p => p.Value.Select(m => m.English).ToArray(), StringComparer.Ordinal)) { Messages = problems };
    }

    public static OperationResult Invalid(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Invalid(errors.Messages());
    }
}
