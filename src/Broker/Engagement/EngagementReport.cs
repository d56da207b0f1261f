using Broker.Dispatch;
using Broker.Reports;
using Broker.Storage;

namespace Broker.Engagement;

/// <summary>
/// Builds <see cref="EngagementSummary"/>: the broker's posts are its deliveries published in the period, each counted
/// with its latest metrics reading; native posts are those imported for the period, less any whose platform id is on
/// a delivery published about then (never counted twice); ASN clicks are the clicks on the items' share links in the
/// period. Deliveries are read by publication time, working and archived, so the report costs its period, not the years.
/// </summary>
public sealed class EngagementReport(
    IOpdStore opds, IAccountStore accounts, IItemStore items, IDailyFigureStore published, IEngagementStore store, IClickStore clicks, TimeProvider time)
{
    /// <summary>The items the top table lists.</summary>
    public const int TopItems = 10;

    private static readonly DeliveryStatus[] WentOut = [DeliveryStatus.Published, DeliveryStatus.Removing, DeliveryStatus.Removed, DeliveryStatus.ManualRemovalNeeded];

    /// <summary>
    /// How far around the period a broker delivery is looked for among the native posts: a platform dates a post when the
    /// broker published it, to the second, so a day either side is plenty.
    /// </summary>
    private static readonly TimeSpan NativeMatch = TimeSpan.FromDays(1);

    public async Task<EngagementSummary> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var period = query.Period;
        var opdList = (await opds.ListAsync(cancellationToken)).Where(o => query.Covers(o.Id)).ToList();
        var channelList = await accounts.ListAsync(query.Opd, cancellationToken);
        var byId = channelList.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var sent = (await published.ListPublishedAsync(period.From - NativeMatch, period.To + NativeMatch, cancellationToken))
            .Where(d => WentOut.Contains(d.Status) && byId.ContainsKey(d.AccountId))
            .ToList();
        var brokerIds = sent.Where(d => d.RemotePostId is not null).Select(d => (d.AccountId, d.RemotePostId!)).ToHashSet();
        var posts = sent.Where(d => period.Contains(d.PublishedAt)).ToList();
        var latest = Latest(await store.ListReadsAsync(period.From, period.To, cancellationToken));
        var natives = (await store.ListNativeAsync(period.From, period.To, query.Opd, cancellationToken))
            .Where(n => byId.ContainsKey(n.AccountId) && !brokerIds.Contains((n.AccountId, n.PlatformPostId)))
            .ToList();
        var clicksByItem = CountClicks(query);
        var now = time.GetUtcNow();
        var paused = (await store.ListAccountsAsync(cancellationToken))
            .Where(s => s.NotPermitted is not null && s.PausedUntil > now && byId.TryGetValue(s.Id, out var a) && s.CredentialsMark == EngagementChannels.Mark(a))
            .Select(s => s.Id)
            .ToHashSet(StringComparer.Ordinal);

        EngagementTotals Of(Delivery d) => latest.GetValueOrDefault(d.Id) ?? new EngagementTotals();

        var channelRows = channelList
            .Where(a => query.Covers(a.Opd))
            .OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a =>
            {
                var mine = posts.Where(d => d.AccountId == a.Id).ToList();
                var own = natives.Where(n => n.AccountId == a.Id).ToList();
                return new EngagementSummary.ChannelRow(
                    a.Opd, a.Id, a.Name, a.Platform, mine.Count, own.Count,
                    mine.Sum(d => Of(d).Reach), mine.Sum(d => Of(d).Views), mine.Sum(d => Of(d).Interactions),
                    own.Sum(n => n.Totals.Reach), own.Sum(n => n.Totals.Interactions), paused.Contains(a.Id));
            })
            .ToList();

        var itemTitles = (await items.ListAsync(null, query.Opd, cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
        var archivedTitles = await items.GetTitlesAsync([.. posts.Select(d => d.ItemId).Where(id => !itemTitles.ContainsKey(id)).Distinct(StringComparer.Ordinal)], cancellationToken);
        var itemRows = posts.GroupBy(d => d.ItemId, StringComparer.Ordinal)
            .Select(g =>
            {
                var item = itemTitles.GetValueOrDefault(g.Key);
                var reach = g.Sum(d => Of(d).Reach);
                var clicked = clicksByItem.GetValueOrDefault(g.Key);
                return new EngagementSummary.ItemRow(
                    0, g.Key, item?.Title ?? archivedTitles.GetValueOrDefault(g.Key) ?? g.Key, item?.Opd ?? byId[g.First().AccountId].Opd, g.Count(),
                    reach, g.Sum(d => Of(d).Views), g.Sum(d => Of(d).Interactions), clicked, reach > 0 ? (double)clicked / reach : null);
            })
            .OrderByDescending(i => i.Interactions).ThenByDescending(i => i.Reach).ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .Select((row, index) => row with { Rank = index + 1 })
            .ToList();

        var opdRows = opdList.OrderBy(o => o.Id, StringComparer.Ordinal).Select(o =>
        {
            var rows = channelRows.Where(c => c.Opd == o.Id).ToList();
            return new EngagementSummary.OpdRow(
                o.Id, o.Name, rows.Sum(c => c.BrokerPosts), rows.Sum(c => c.NativePosts), rows.Sum(c => c.Reach), rows.Sum(c => c.Views),
                rows.Sum(c => c.Interactions), rows.Sum(c => c.NativeReach), rows.Sum(c => c.NativeInteractions),
                itemRows.Where(i => i.Opd == o.Id).Sum(i => i.AsnClicks));
        }).ToList();

        return new EngagementSummary(period, opdRows, channelRows, itemRows, [.. itemRows.Take(TopItems)]);
    }

    /// <summary>Each delivery's latest done reading (the oldest age read).</summary>
    private static Dictionary<string, EngagementTotals> Latest(IReadOnlyList<MetricsRead> reads) =>
        reads.Where(r => r.Status == MetricsReadStatus.Done)
            .GroupBy(r => r.DeliveryId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.AgeMinutes)!.Totals, StringComparer.Ordinal);

    private Dictionary<string, int> CountClicks(ReportQuery query)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var click in clicks.ReadBetween(query.Period.From, query.Period.To))
        {
            if (query.Covers(click.Link.Opd))
            {
                counts[click.Link.ItemId] = counts.GetValueOrDefault(click.Link.ItemId) + 1;
            }
        }

        return counts;
    }
}
