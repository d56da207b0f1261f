using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Pre-aggregated daily figures (<see cref="DailyFigure"/>), kept up to date through "dirty days": every committed change
/// of a delivery marks its days dirty in the same transaction (<see cref="IStateChanges"/>), and
/// <see cref="Reports.DailyFigureSweep"/> computes each dirty day again from that day's raw rows and stores its figures whole,
/// clearing the mark only when no newer mark came meanwhile. A day computed and not dirty is clean: a report reads its
/// figures; any other day it reads from the raw rows, by an index range on time (working and archived deliveries alike).
/// </summary>
public interface IDailyFigureStore
{
    /// <summary>Marks <paramref name="days"/> dirty with a fresh stamp (a later mark replaces an earlier one's stamp).</summary>
    Task MarkDirtyAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> dirty days, oldest day first.</summary>
    Task<IReadOnlyList<DirtyDay>> ListDirtyAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// If the day's mark still has the stamp read: clears it, replaces every figure of the day with
    /// <paramref name="figures"/>, <paramref name="events"/> and <paramref name="problems"/> and records the day as
    /// computed, in one transaction. Otherwise (a newer mark came, or another node stored the day first) writes nothing and
    /// answers false: figures computed from older rows never land.
    /// </summary>
    Task<bool> ReplaceAsync(
        DirtyDay day,
        IReadOnlyCollection<DailyFigure> figures,
        IReadOnlyCollection<EventFigure> events,
        IReadOnlyCollection<DailyProblem> problems,
        CancellationToken cancellationToken);

    /// <summary>The days in [<paramref name="from"/>, <paramref name="to"/>) that are computed and not dirty.</summary>
    Task<IReadOnlySet<DateOnly>> ListCleanDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Every stored figure of the days in [<paramref name="from"/>, <paramref name="to"/>), clean or not.</summary>
    Task<IReadOnlyList<DailyFigure>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Every stored problem (failed or held delivery) of the days in [<paramref name="from"/>, <paramref name="to"/>), clean or not.</summary>
    Task<IReadOnlyList<DailyProblem>> ListProblemsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Every stored two-hour-rule figure of the days in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="opd"/> (null: every OPD), clean or not.</summary>
    Task<IReadOnlyList<EventFigure>> ListEventsAsync(DateOnly from, DateOnly to, string? opd, CancellationToken cancellationToken);

    /// <summary>Per account among <paramref name="accountIds"/>: the last post on a stored day before <paramref name="before"/>.</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastPostsBeforeAsync(
        IReadOnlyCollection<string> accountIds, DateOnly before, CancellationToken cancellationToken);

    /// <summary>
    /// The deliveries, working and archived, first due (<see cref="Delivery.ScheduledAt"/>) in [from, to), of
    /// <paramref name="statuses"/> (null: any, whole). Of given statuses (the problems a report lists, tens of thousands
    /// over a year) they come without their text and media: <see cref="Delivery.Text"/> empty, no
    /// <see cref="Delivery.MediaIds"/>.
    /// </summary>
    Task<IReadOnlyList<Delivery>> ListFirstDueAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<DeliveryStatus>? statuses, CancellationToken cancellationToken);

    /// <summary>The deliveries, working and archived, published (<see cref="Delivery.PublishedAt"/>) in [from, to).</summary>
    Task<IReadOnlyList<Delivery>> ListPublishedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The platform posts the broker made: (account, platform post id) of the deliveries, working and archived, published
    /// in [from, to) with a post id. Only those two fields are read, through the publication-time index, so a year of them
    /// costs little memory (a report matches native posts against them).
    /// </summary>
    Task<IReadOnlySet<(string AccountId, string RemotePostId)>> ListPublishedPostIdsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The items, working and archived, of <paramref name="opd"/> (null: every OPD) whose event ended
    /// (<see cref="Item.EventEndedAt"/>) in [from, to): the two-hour rule's rows, by an index range.
    /// </summary>
    Task<IReadOnlyList<Item>> ListEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken);

    /// <summary>
    /// The last <paramref name="limit"/> items (rejected ones left out), working and archived, of <paramref name="opd"/>
    /// (null: every OPD) whose event ended in [from, to), latest first, by the same index read backwards.
    /// </summary>
    Task<IReadOnlyList<Item>> ListLastEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, int limit, CancellationToken cancellationToken);

    /// <summary>The earliest first-due time of any delivery, working or archived (null: none yet): where the backfill stops.</summary>
    Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken);
}
