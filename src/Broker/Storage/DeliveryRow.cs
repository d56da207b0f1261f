using Broker.Dispatch;

namespace Broker.Storage;

/// <summary>
/// The fields of a <see cref="Delivery"/> that the deliveries pages show (the calendar, the failed and held ones): read
/// without its text, link, media, progress and removal and edit records, so a page costs its rows' few fields.
/// <see cref="DueAt"/> is the store's own (its precision), so a cursor made from a row resumes exactly after it.
/// <see cref="Attempts"/> is read only for a list that asks for it (<see cref="DeliveryListQuery.WithAttempts"/>: the
/// failed and held list does, the calendar does not), else null.
/// </summary>
public sealed record DeliveryRow(
    string Id,
    string ItemId,
    string AccountId,
    string Platform,
    DeliveryStatus Status,
    DateTimeOffset DueAt,
    DateTimeOffset? PublishedAt,
    DeliveryRowAttempts? Attempts)
{
    /// <summary>The cursor that resumes a due-ordered list after this row.</summary>
    public PageCursor Cursor => new(DueAt, Id);
}

/// <summary>How a delivery's attempts went, as a <see cref="DeliveryRow"/> of a list that asks for them carries it.</summary>
public sealed record DeliveryRowAttempts(DateTimeOffset ScheduledAt, int Count, string? ErrorCode, string? Error);
