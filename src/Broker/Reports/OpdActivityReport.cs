using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="OpdActivity"/>: a post is a published delivery or a native post (made on the account without the
/// broker, never one whose platform id is a delivery's), counted for the OPD that owns the account. The deliveries'
/// posts come from the daily figures (<see cref="DailyFigureReader"/>): each window, and the last post before the
/// period's end, cost what their days cost, never every delivery stored.
/// </summary>
public sealed class OpdActivityReport(
    IOpdStore opdStore, IAccountStore accountStore, DailyFigureReader figures, IDailyFigureStore figureStore, IEngagementStore engagement, IOptions<ReportsOptions> options)
{
    // A native post and the broker's delivery it may be are published within this of each other.
    private static readonly TimeSpan SamePost = TimeSpan.FromDays(1);

    public async Task<OpdActivity> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var end = query.Period.To;
        var staleAfter = options.Value.StaleAfterDays;
        var opds = (await opdStore.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var channels = await accountStore.ListAsync(query.Opd, cancellationToken);
        var ids = channels.Select(a => a.Id).ToList();

        var inPeriod = await figures.SumAsync(query.Period.From, end, cancellationToken);
        var last7 = await figures.SumAsync(end.AddDays(-7), end, cancellationToken);
        var last30 = await figures.SumAsync(end.AddDays(-30), end, cancellationToken);
        var lastPosts = await figures.LastPostsAsync(ids, end, cancellationToken);

        var earliest = Earliest(query.Period, staleAfter);
        var found = await engagement.ListNativeAsync(earliest, end, query.Opd, cancellationToken);
        IReadOnlySet<(string AccountId, string RemotePostId)> brokerIds = found.Count == 0
            ? new HashSet<(string, string)>()
            : await figureStore.ListPublishedPostIdsAsync(earliest - SamePost, end + SamePost, cancellationToken);
        var natives = found
            .Where(n => !brokerIds.Contains((n.AccountId, n.PlatformPostId)))
            .ToLookup(n => n.AccountId, n => n.PublishedAt, StringComparer.Ordinal);

        var rows = opds.Select(opd =>
        {
            var own = channels.Where(a => a.Opd == opd.Id).OrderBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
                .Select(a =>
                {
                    var made = natives[a.Id].ToList();
                    return new OpdActivity.Channel(
                        a.Id,
                        a.Name,
                        a.Platform,
                        Posts(last7, a.Id) + made.Count(at => at >= end.AddDays(-7)),
                        Posts(last30, a.Id) + made.Count(at => at >= end.AddDays(-30)),
                        Posts(inPeriod, a.Id) + made.Count(query.Period.Contains),
                        made.Aggregate(lastPosts.TryGetValue(a.Id, out var at) ? at : (DateTimeOffset?)null, (l, n) => DailyTally.Later(l, n)));
                })
                .ToList();
            var times = own.Where(c => c.LastPostAt is not null).Select(c => c.LastPostAt!.Value).ToList();
            DateTimeOffset? last = times.Count > 0 ? times.Max() : null;
            int? days = last is { } l ? (int)Math.Floor((end - l).TotalDays) : null;
            return new OpdActivity.Row(
                opd.Id,
                opd.Name,
                own.Sum(c => c.PostsLast7Days),
                own.Sum(c => c.PostsLast30Days),
                own.Sum(c => c.PostsInPeriod),
                last,
                days,
                last is null || end - last > TimeSpan.FromDays(staleAfter),
                own);
        }).ToList();
        return new OpdActivity(query.Period, staleAfter, rows);
    }

    private static int Posts(IReadOnlyDictionary<string, DailyFigure> sums, string accountId) => sums.GetValueOrDefault(accountId)?.Posts ?? 0;

    // Native posts older than every window the report counts (30 days, the period, the stale threshold) change nothing.
    private static DateTimeOffset Earliest(ReportPeriod period, int staleAfterDays) =>
        new[] { period.From, period.To.AddDays(-30), period.To.AddDays(-staleAfterDays) }.Min();
}
