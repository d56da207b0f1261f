using System.Globalization;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="TwoHourRule"/> from the items' event end and first publication times: the items of the query's OPD
/// whose event ended in the period, working and archived (finished work moved by <see cref="ArchiveSweep"/>), read by an
/// index range on the event's end.
/// </summary>
public sealed class TwoHourRuleReport(
    IOpdStore opdStore, IDailyFigureStore figures, ReportQueries queries, IOptions<ReportsOptions> options, TimeProvider time)
{
    public async Task<TwoHourRule> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var opds = (await opdStore.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var items = await figures.ListEventEndedAsync(query.Period.From, query.Period.To, query.Opd, cancellationToken);
        var target = options.Value.PublishWithin;
        var now = time.GetUtcNow();
        var rows = items
            .Where(i => i.Status != ItemStatus.Rejected && query.Period.Contains(i.EventEndedAt))
            .OrderBy(i => i.EventEndedAt)
            .Select(i => Row(i, i.EventEndedAt!.Value, target, now))
            .ToList();

        var shares = opds
            .Select(o => TwoHourRule.ShareRow.Of(o.Id, o.Name, [.. rows.Where(r => r.Opd == o.Id)]))
            .ToList();
        var weeks = rows
            .GroupBy(r => Monday(queries.DayOf(r.EventEndedAt)))
            .OrderBy(g => g.Key)
            .Select(g => TwoHourRule.ShareRow.Of(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, [.. g]))
            .ToList();
        return new TwoHourRule(query.Period, (int)target.TotalMinutes, rows, shares, weeks);
    }

    private static TwoHourRule.ItemRow Row(Item item, DateTimeOffset ended, TimeSpan target, DateTimeOffset now)
    {
        if (item.FirstPublishedAt is { } published)
        {
            var took = published - ended;
            return new TwoHourRule.ItemRow(item.Id, item.Opd, item.Title, ended, published, (int)Math.Round(took.TotalMinutes), took <= target);
        }

        bool? met = now - ended > target ? false : null;
        return new TwoHourRule.ItemRow(item.Id, item.Opd, item.Title, ended, null, null, met);
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
