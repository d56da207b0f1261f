using Broker.Dispatch;

namespace Broker.Storage;

/// <summary>
/// The fields of a <see cref="Delivery"/> that the deliveries pages show (the calendar, the failed and held ones): read
/// without its text, link, media, progress and removal and edit records, so a page costs its rows' few fields.
/// <see cref="DueAt"/> is the store's own (its precision), so a cursor made from a row resumes exactly after it.
/// </summary>
public sealed record DeliveryRow(
    string Id,
    string ItemId,
    string AccountId,
    string Platform,
    DeliveryStatus Status,
    DateTimeOffset ScheduledAt,
    DateTimeOffset DueAt,
    DateTimeOffset? PublishedAt,
    int Attempts,
    string? ErrorCode,
    string? Error)
{
    /// <summary>The cursor that resumes a due-ordered list after this row.</summary>
    public PageCursor Cursor => new(DueAt, Id);
}
