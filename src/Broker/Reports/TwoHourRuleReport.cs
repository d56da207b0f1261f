using System.Globalization;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="TwoHourRule"/> from the items' event end and first publication times, working and archived (finished
/// work moved by <see cref="ArchiveSweep"/>). The shares per OPD and per week come from the daily figures
/// (<see cref="EventFigure"/>) for every whole day that is computed, clean, counted against the same time allowed and
/// decided (it ended at least that long ago); the rest of the period (a partial first or last day, a dirty day, the last
/// hours) from its raw rows by an index range on the event's end. The item rows are the period's last
/// <see cref="MostItemRows"/>; the CSV of the items has them all.
/// </summary>
public sealed class TwoHourRuleReport(
    IOpdStore opdStore, IDailyFigureStore figures, LocalDays days, ReportQueries queries, IOptions<ReportsOptions> options, TimeProvider time)
{
    /// <summary>The most item rows a report answers with (the latest events); the CSV table of the items has every one.</summary>
    public const int MostItemRows = 1000;

    public async Task<TwoHourRule> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var opds = (await opdStore.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var target = options.Value.PublishWithin;
        var now = time.GetUtcNow();
        var (from, to) = (query.Period.From, query.Period.To);

        var perOpd = new Dictionary<string, Counts>(StringComparer.Ordinal);
        var perWeek = new SortedDictionary<DateOnly, Counts>();
        var stored = await StoredDaysAsync(query, target, now, cancellationToken);
        foreach (var figure in stored.Figures)
        {
            Counts.For(perOpd, figure.Opd).Add(figure);
            Counts.For(perWeek, Monday(figure.Day)).Add(figure);
        }

        foreach (var (start, end) in days.Uncovered(from, to, stored.Days))
        {
            foreach (var row in Rows(await figures.ListEventEndedAsync(start, end, query.Opd, cancellationToken), query, target, now))
            {
                Counts.For(perOpd, row.Opd).Add(row);
                Counts.For(perWeek, Monday(queries.DayOf(row.EventEndedAt))).Add(row);
            }
        }

        var everyItem = query.Format == ReportFormat.Csv && (query.Table ?? TwoHourRule.TableNames[0]) == "items";
        var items = everyItem
            ? await figures.ListEventEndedAsync(from, to, query.Opd, cancellationToken)
            : await figures.ListLastEventEndedAsync(from, to, query.Opd, MostItemRows, cancellationToken);
        var rows = Rows(items, query, target, now).OrderBy(r => r.EventEndedAt).ThenBy(r => r.ItemId, StringComparer.Ordinal).ToList();

        var shares = opds.Select(o => (perOpd.GetValueOrDefault(o.Id) ?? new Counts()).Share(o.Id, o.Name)).ToList();
        var weeks = perWeek.Select(w => w.Value.Share(w.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)).ToList();
        return new TwoHourRule(query.Period, EventTally.Minutes(target), rows, shares, weeks, perOpd.Values.Sum(c => c.Items));
    }

    /// <summary>
    /// The whole days of the period whose stored figures stand for their items: computed and clean, counted against the
    /// time allowed now, and ended at least that long ago (every item of the day is decided); with those figures.
    /// </summary>
    private async Task<(IReadOnlySet<DateOnly> Days, IReadOnlyList<EventFigure> Figures)> StoredDaysAsync(
        ReportQuery query, TimeSpan target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var first = days.DayOf(query.Period.From);
        if (days.StartOf(first) < query.Period.From)
        {
            first = first.AddDays(1);
        }

        var last = days.DayOf(query.Period.To); // the whole days end where it starts
        if (first >= last)
        {
            return (new HashSet<DateOnly>(), []);
        }

        var clean = await figures.ListCleanDaysAsync(first, last, cancellationToken);
        var found = await figures.ListEventsAsync(first, last, query.Opd, cancellationToken);
        var minutes = EventTally.Minutes(target);
        var usable = clean
            .Where(d => days.StartOf(d.AddDays(1)) <= now - target)
            .Except(found.Where(f => f.TargetMinutes != minutes).Select(f => f.Day))
            .ToHashSet();
        return (usable, [.. found.Where(f => usable.Contains(f.Day))]);
    }

    private static IEnumerable<TwoHourRule.ItemRow> Rows(IEnumerable<Item> items, ReportQuery query, TimeSpan target, DateTimeOffset now) =>
        items
            .Where(i => i.Status != ItemStatus.Rejected && query.Period.Contains(i.EventEndedAt))
            .Select(i => Row(i, i.EventEndedAt!.Value, target, now));

    private static TwoHourRule.ItemRow Row(Item item, DateTimeOffset ended, TimeSpan target, DateTimeOffset now)
    {
        var met = EventTally.Met(item, ended, target, now);
        int? minutes = item.FirstPublishedAt is { } published ? (int)Math.Round((published - ended).TotalMinutes) : null;
        return new TwoHourRule.ItemRow(item.Id, item.Opd, item.Title, ended, item.FirstPublishedAt, minutes, met);
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Items counted by outcome: a stored day's unpublished items count as missed, since the day is decided.</summary>
    private sealed class Counts
    {
        public int Items { get; private set; }

        public int Met { get; private set; }

        public int Missed { get; private set; }

        public static Counts For<TKey>(IDictionary<TKey, Counts> counts, TKey key)
        {
            if (!counts.TryGetValue(key, out var found))
            {
                counts[key] = found = new Counts();
            }

            return found;
        }

        public void Add(EventFigure figure)
        {
            Items += figure.Items;
            Met += figure.Met;
            Missed += figure.Missed + figure.Unpublished;
        }

        public void Add(TwoHourRule.ItemRow row)
        {
            Items++;
            Met += row.Met == true ? 1 : 0;
            Missed += row.Met == false ? 1 : 0;
        }

        public TwoHourRule.ShareRow Share(string key, string? name) => TwoHourRule.ShareRow.Of(key, name, Items, Met, Missed);
    }
}
