using Broker.Dispatch;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>Builds <see cref="OpdActivity"/>: a post is a published delivery, counted for the OPD that owns the account.</summary>
public sealed class OpdActivityReport(ReportSource source, IOptions<ReportsOptions> options)
{
    public async Task<OpdActivity> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var data = await source.LoadAsync(query, cancellationToken);
        var end = query.Period.To;
        var staleAfter = options.Value.StaleAfterDays;
        var posts = data.Deliveries
            .Where(d => d.Status == DeliveryStatus.Published && d.PublishedAt is { } at && at < end)
            .ToLookup(d => d.AccountId, StringComparer.Ordinal);

        var rows = data.Opds.Select(opd =>
        {
            var channels = data.Accounts.Where(a => a.Opd == opd.Id).OrderBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => Count(a.Id, a.Name, a.Platform, [.. posts[a.Id].Select(d => d.PublishedAt!.Value)], query.Period))
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
