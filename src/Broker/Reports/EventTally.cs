using Broker.Intake;
using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// The two-hour rule's counting, the one rule for the stored figures (<see cref="EventFigure"/>) and for the rows a report
/// reads raw: an item (rejected ones left out) met the rule when first published within the time allowed after its event
/// ended, missed it when published later or not at all once that time has passed, and is pending before that.
/// </summary>
public static class EventTally
{
    /// <summary>Whether <paramref name="item"/> met the rule as of <paramref name="now"/>: null while pending.</summary>
    public static bool? Met(Item item, DateTimeOffset ended, TimeSpan allowed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.FirstPublishedAt is { } published ? published - ended <= allowed : now - ended > allowed ? false : null;
    }

    /// <summary>The figures of <paramref name="day"/>, one per OPD, of the items whose event ended on it.</summary>
    public static IReadOnlyList<EventFigure> Of(DateOnly day, IEnumerable<Item> ended, TimeSpan allowed) =>
    [
        .. ended
            .Where(i => i.Status != ItemStatus.Rejected && i.EventEndedAt is not null)
            .GroupBy(i => i.Opd, StringComparer.Ordinal)
            .Select(g => new EventFigure(
                day,
                g.Key,
                g.Count(),
                g.Count(i => i.FirstPublishedAt is { } p && p - i.EventEndedAt!.Value <= allowed),
                g.Count(i => i.FirstPublishedAt is { } p && p - i.EventEndedAt!.Value > allowed),
                g.Count(i => i.FirstPublishedAt is null),
                Minutes(allowed))),
    ];

    /// <summary>The time allowed as the figures record it.</summary>
    public static int Minutes(TimeSpan allowed) => (int)allowed.TotalMinutes;
}
