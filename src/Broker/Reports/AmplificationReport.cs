using Broker.Sharing;
using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="AmplificationLeaderboards"/> from the share links made and the clicks recorded in the period. The
/// clicks are counted as they are read, never all held at once.
/// </summary>
public sealed class AmplificationReport(IShareLinkStore links, IClickStore clicks, IAsnStore directory, IOpdStore opds, ReportQueries queries)
{
    public async Task<AmplificationLeaderboards> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var (from, to) = (query.Period.From, query.Period.To);
        var made = (await links.ListAsync(from, to, cancellationToken)).Where(l => query.Covers(l.Opd)).ToList();

        var all = new ClickTally();
        var clicksByAsn = new Dictionary<(string Nip, string Opd), ClickTally>();
        var clicksByOpd = new Dictionary<string, ClickTally>(StringComparer.Ordinal);
        foreach (var click in clicks.ReadBetween(from, to))
        {
            if (query.Covers(click.Link.Opd))
            {
                all.Add(click.Visitor);
                ClickTally.For(clicksByAsn, (click.Link.Nip, click.Link.Opd)).Add(click.Visitor);
                ClickTally.For(clicksByOpd, click.Link.Opd).Add(click.Visitor);
            }
        }

        // Days purged past the retention, whole days of the period (a report's period starts and ends at midnight).
        foreach (var day in await clicks.DaysBetweenAsync(queries.DayOf(from), queries.DayOf(to), cancellationToken))
        {
            if (query.Covers(day.Link.Opd))
            {
                all.Add(day);
                ClickTally.For(clicksByAsn, (day.Link.Nip, day.Link.Opd)).Add(day);
                ClickTally.For(clicksByOpd, day.Link.Opd).Add(day);
            }
        }

        // Names from the whole directory: an ASN who has since moved keeps their rows under the OPD they shared for.
        var names = (await directory.ListAsync(null, cancellationToken)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var opdNames = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);

        var linksByAsn = made.GroupBy(l => (l.Nip, l.Opd)).ToDictionary(g => g.Key, g => g.Count());
        var asn = linksByAsn.Keys.Union(clicksByAsn.Keys)
            .Select(k => (Key: k, Links: linksByAsn.GetValueOrDefault(k), Counts: clicksByAsn.GetValueOrDefault(k)?.Counts ?? ClickCounts.None))
            .OrderByDescending(r => r.Counts.Total).ThenByDescending(r => r.Counts.Unique).ThenByDescending(r => r.Links).ThenBy(r => r.Key.Nip, StringComparer.Ordinal)
            .Select((r, i) => new AmplificationLeaderboards.AsnRow(i + 1, r.Key.Nip, names.GetValueOrDefault(r.Key.Nip, ""), r.Key.Opd, r.Links, r.Counts.Total, r.Counts.Unique))
            .ToList();

        var perOpd = asn.GroupBy(a => a.Opd)
            .Select(g => (Opd: g.Key, Asn: g.Count(), Links: g.Sum(a => a.Links), Counts: clicksByOpd.GetValueOrDefault(g.Key)?.Counts ?? ClickCounts.None))
            .OrderByDescending(o => o.Counts.Total).ThenByDescending(o => o.Counts.Unique).ThenByDescending(o => o.Links).ThenBy(o => o.Opd, StringComparer.Ordinal)
            .Select((o, i) => new AmplificationLeaderboards.OpdRow(i + 1, o.Opd, opdNames.GetValueOrDefault(o.Opd, o.Opd), o.Asn, o.Links, o.Counts.Total, o.Counts.Unique))
            .ToList();

        var totals = new AmplificationLeaderboards.Counts(made.Count, all.Counts.Total, all.Counts.Unique);
        return new AmplificationLeaderboards(query.Period, totals, asn, perOpd);
    }
}
