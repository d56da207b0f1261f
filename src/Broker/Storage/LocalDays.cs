using Broker.Rendering;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// The installation's calendar days (<c>Rendering:TimeZone</c>): the days the daily figures are kept by, the same as the
/// reports' (<see cref="Reports.ReportQueries.DayOf"/>).
/// </summary>
public sealed class LocalDays
{
    public LocalDays(IOptions<RenderingOptions> rendering)
        : this(TimeZoneInfo.FindSystemTimeZoneById(rendering.Value.TimeZone))
    {
    }

    public LocalDays(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The local date of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The instant a local date starts.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The runs of [<paramref name="from"/>, <paramref name="to"/>) outside the whole local days of <paramref name="stored"/>:
    /// what a report reads from raw rows beside the days it reads from stored figures.
    /// </summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Uncovered(DateTimeOffset from, DateTimeOffset to, IReadOnlySet<DateOnly> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var start = from;
        foreach (var day in stored.Order())
        {
            var (dayStart, dayEnd) = (StartOf(day), StartOf(day.AddDays(1)));
            if (start < dayStart)
            {
                yield return (start, dayStart);
            }

            start = dayEnd > start ? dayEnd : start;
        }

        if (start < to)
        {
            yield return (start, to);
        }
    }

    /// <summary>The days whose figures a change of these deliveries alters: each one's first-due day and publication day.</summary>
    public IReadOnlyList<DateOnly> Touched(IEnumerable<Dispatch.Delivery> deliveries) =>
        [.. deliveries.SelectMany(d => d.PublishedAt is { } published ? new[] { DayOf(d.ScheduledAt), DayOf(published) } : [DayOf(d.ScheduledAt)]).Distinct().Order()];

    /// <summary>
    /// The days whose figures a state change alters: its deliveries' (<see cref="Touched(IEnumerable{Dispatch.Delivery})"/>),
    /// the event-end day of each item it writes (the two-hour rule's figures, <see cref="EventFigure"/>), and the days it
    /// names itself (<see cref="StateChange.Touched"/>).
    /// </summary>
    public IReadOnlyList<DateOnly> Touched(StateChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ended = change.Items.Concat(change.NewItems).Where(i => i.EventEndedAt is not null).Select(i => i.EventEndedAt!.Value);
        return [.. Touched(change.Updates.Concat(change.Inserts)).Concat(ended.Concat(change.Touched).Select(DayOf)).Distinct().Order()];
    }
}
