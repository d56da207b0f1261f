namespace Broker.Intake;

/// <summary>
/// An item as a list shows it and as access is decided on it: no texts (a body holds up to 100,000 characters), no
/// history. Read by <see cref="Storage.IItemStore.ListSummariesAsync"/>.
/// </summary>
public sealed record ItemSummary(
    string Id,
    string Title,
    string Opd,
    string? SubmittedBy,
    ItemStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EventEndedAt,
    int MediaCount,
    IReadOnlyList<string> AccountIds,
    string? ReviewComment);
