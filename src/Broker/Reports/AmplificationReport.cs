using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="AmplificationLeaderboards"/> from the share links made and the clicks recorded in the period, counted
/// per local day (<see cref="ClickFigure"/>): its whole days whose figures are stored from those figures, the rest of the
/// period (a partial first or last day, today, a day not computed yet) from its raw clicks and purged days' counts by the
/// same rule (<see cref="ClickFigureTally"/>). A visitor counts once per day: the unique visitors of a period are the sum
/// of its days'. The cost grows with the period's days and the ASN in the result, never with the years stored.
/// </summary>
public sealed class AmplificationReport(
    IClickFigureStore figures, IShareLinkStore links, IClickStore clicks, IAsnStore directory, IOpdStore opds, LocalDays days)
{
    public async Task<AmplificationLeaderboards> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(query, cancellationToken);
        var byAsn = rows.Where(r => r.IsAsn).ToList();
        var byOpd = rows.Where(r => r.IsOpd).ToDictionary(r => r.Opd, StringComparer.Ordinal);
        var total = query.Opd is null
            ? rows.Where(r => r.IsDay).Aggregate(None, (sum, r) => sum.Plus(r))
            : byOpd.Values.Aggregate(None, (sum, r) => sum.Plus(r));

        // Names of the ASN in the result only, by key: an ASN who has since moved keeps their rows under the OPD they shared for.
        var names = await directory.NamesAsync([.. byAsn.Select(r => r.Nip).Distinct(StringComparer.Ordinal)], cancellationToken);
        var opdNames = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);

        var asn = byAsn
            .OrderByDescending(r => r.Clicks).ThenByDescending(r => r.Visitors).ThenByDescending(r => r.Links).ThenBy(r => r.Nip, StringComparer.Ordinal)
            .Select((r, i) => new AmplificationLeaderboards.AsnRow(i + 1, r.Nip, names.GetValueOrDefault(r.Nip, ""), r.Opd, r.Links, r.Clicks, r.Visitors))
            .ToList();

        var perOpd = asn.GroupBy(a => a.Opd)
            .Select(g => (Opd: g.Key, Asn: g.Count(), Links: g.Sum(a => a.Links), Counts: byOpd.GetValueOrDefault(g.Key) ?? None))
            .OrderByDescending(o => o.Counts.Clicks).ThenByDescending(o => o.Counts.Visitors).ThenByDescending(o => o.Links).ThenBy(o => o.Opd, StringComparer.Ordinal)
            .Select((o, i) => new AmplificationLeaderboards.OpdRow(i + 1, o.Opd, opdNames.GetValueOrDefault(o.Opd, o.Opd), o.Asn, o.Links, o.Counts.Clicks, o.Counts.Visitors))
            .ToList();

        return new AmplificationLeaderboards(query.Period, new AmplificationLeaderboards.Counts(total.Links, total.Clicks, total.Visitors), asn, perOpd);
    }

    private static ClickFigure None => new(default, ClickFigure.All, ClickFigure.All, 0, 0, 0);

    /// <summary>The period's figures summed per level (those of the query's OPD only, when it names one).</summary>
    private async Task<IReadOnlyList<ClickFigure>> RowsAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = (query.Period.From, query.Period.To);
        var first = days.DayOf(from);
        if (days.StartOf(first) < from)
        {
            first = first.AddDays(1);
        }

        var last = days.DayOf(to); // the whole days end where it starts
        var stored = first < last ? await figures.ListDaysAsync(first, last, cancellationToken) : new HashSet<DateOnly>();
        var sums = (await figures.SumAsync(stored, query.Opd, cancellationToken)).ToDictionary(r => (r.Opd, r.Nip));

        var tally = new ClickFigureTally(days);
        foreach (var (start, end) in days.Uncovered(from, to, stored))
        {
            foreach (var click in clicks.ReadBetween(start, end))
            {
                tally.Add(click);
            }

            // Purged days are whole days, each counted with the run that starts in it (a report's period starts at midnight).
            foreach (var rolledUp in await clicks.DaysBetweenAsync(days.DayOf(start), days.DayOf(end), cancellationToken))
            {
                tally.Add(rolledUp);
            }

            foreach (var made in await links.ListAsync(start, end, cancellationToken))
            {
                tally.Add(made);
            }
        }

        foreach (var row in tally.Figures.Where(r => query.Opd is null || string.Equals(r.Opd, query.Opd, StringComparison.Ordinal)))
        {
            sums[(row.Opd, row.Nip)] = sums.TryGetValue((row.Opd, row.Nip), out var sum) ? sum.Plus(row) : row with { Day = default };
        }

        return [.. sums.Values];
    }
}
