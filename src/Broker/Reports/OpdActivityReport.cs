using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Builds <see cref="OpdActivity"/>: a post is a published delivery or a native post (made on the account without the
/// broker, never one whose platform id is a delivery's), counted for the OPD that owns the account.
/// </summary>
public sealed class OpdActivityReport(ReportSource source, IEngagementStore engagement, IOptions<ReportsOptions> options)
{
    public async Task<OpdActivity> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var data = await source.LoadAsync(query, cancellationToken);
        var end = query.Period.To;
        var staleAfter = options.Value.StaleAfterDays;
        var brokerIds = data.Deliveries.Where(d => d.RemotePostId is not null).Select(d => (d.AccountId, d.RemotePostId!)).ToHashSet();
        var natives = (await engagement.ListNativeAsync(Earliest(query.Period, staleAfter), end, query.Opd, cancellationToken))
            .Where(n => !brokerIds.Contains((n.AccountId, n.PlatformPostId)))
            .Select(n => (n.AccountId, At: n.PublishedAt));
        var posts = data.Deliveries
            .Where(d => d.Status == DeliveryStatus.Published && d.PublishedAt is { } at && at < end)
            .Select(d => (d.AccountId, At: d.PublishedAt!.Value))
            .Concat(natives)
            .ToLookup(p => p.AccountId, p => p.At, StringComparer.Ordinal);

        var rows = data.Opds.Select(opd =>
        {
            var channels = data.Accounts.Where(a => a.Opd == opd.Id).OrderBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => Count(a.Id, a.Name, a.Platform, [.. posts[a.Id]], query.Period))
                .ToList();
            var times = channels.Where(c => c.LastPostAt is not null).Select(c => c.LastPostAt!.Value).ToList();
            DateTimeOffset? last = times.Count > 0 ? times.Max() : null;
            int? days = last is { } l ? (int)Math.Floor((end - l).TotalDays) : null;
            return new OpdActivity.Row(
                opd.Id,
                opd.Name,
                channels.Sum(c => c.PostsLast7Days),
                channels.Sum(c => c.PostsLast30Days),
                channels.Sum(c => c.PostsInPeriod),
                last,
                days,
                last is null || end - last > TimeSpan.FromDays(staleAfter),
                channels);
        }).ToList();
        return new OpdActivity(query.Period, staleAfter, rows);
    }

    // Native posts older than every window the report counts (30 days, the period, the stale threshold) change nothing.
    private static DateTimeOffset Earliest(ReportPeriod period, int staleAfterDays) =>
        new[] { period.From, period.To.AddDays(-30), period.To.AddDays(-staleAfterDays) }.Min();

    private static OpdActivity.Channel Count(string id, string name, string platform, IReadOnlyList<DateTimeOffset> published, ReportPeriod period)
    {
        var end = period.To;
        return new OpdActivity.Channel(
            id,
            name,
            platform,
            published.Count(at => at >= end.AddDays(-7)),
            published.Count(at => at >= end.AddDays(-30)),
            published.Count(period.Contains),
            published.Count > 0 ? published.Max() : null);
    }
}
