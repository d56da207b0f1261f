using Broker.Reports;

namespace Broker.Engagement;

/// <summary>
/// Engagement over a period: per OPD, per channel and per item, the top items, ASN clicks per reach, and the broker's
/// posts against native posts. Reach, views and interactions are each post's latest reading (docs/metrics.md).
/// </summary>
public sealed record EngagementSummary(
    ReportPeriod Period,
    IReadOnlyList<EngagementSummary.OpdRow> Opds,
    IReadOnlyList<EngagementSummary.ChannelRow> Channels,
    IReadOnlyList<EngagementSummary.ItemRow> Items,
    IReadOnlyList<EngagementSummary.ItemRow> Top) : ITabularReport
{
    public static IReadOnlyList<string> TableNames { get; } = ["opds", "channels", "items", "top"];

    public CsvTable Table(string name) => name switch
    {
        "opds" => new CsvTable(name,
            ["opd", "opdName", "brokerPosts", "nativePosts", "reach", "views", "interactions", "nativeReach", "nativeInteractions", "asnClicks"],
            [.. Opds.Select(o => new object?[] { o.Opd, o.Name, o.BrokerPosts, o.NativePosts, o.Reach, o.Views, o.Interactions, o.NativeReach, o.NativeInteractions, o.AsnClicks })]),
        "channels" => new CsvTable(name,
            ["opd", "accountId", "accountName", "platform", "brokerPosts", "nativePosts", "reach", "views", "interactions", "nativeReach", "nativeInteractions", "metricsNotPermitted"],
            [.. Channels.Select(c => new object?[] { c.Opd, c.AccountId, c.AccountName, c.Platform, c.BrokerPosts, c.NativePosts, c.Reach, c.Views, c.Interactions, c.NativeReach, c.NativeInteractions, c.MetricsNotPermitted })]),
        "items" or "top" => new CsvTable(name,
            ["rank", "itemId", "title", "opd", "posts", "reach", "views", "interactions", "asnClicks", "asnClicksPerReach"],
            [.. (name == "top" ? Top : Items).Select(i => new object?[] { i.Rank, i.ItemId, i.Title, i.Opd, i.Posts, i.Reach, i.Views, i.Interactions, i.AsnClicks, i.AsnClicksPerReach })]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown table."),
    };

    public sealed record OpdRow(
        string Opd, string Name, int BrokerPosts, int NativePosts, long Reach, long Views, long Interactions, long NativeReach, long NativeInteractions, int AsnClicks);

    public sealed record ChannelRow(
        string Opd, string AccountId, string AccountName, string Platform, int BrokerPosts, int NativePosts,
        long Reach, long Views, long Interactions, long NativeReach, long NativeInteractions, bool MetricsNotPermitted);

    /// <summary>One item: its posts' latest readings added up, and the ASN clicks on its share links in the period.</summary>
    /// <param name="AsnClicksPerReach">ASN clicks divided by reach; null without reach.</param>
    public sealed record ItemRow(
        int Rank, string ItemId, string Title, string Opd, int Posts, long Reach, long Views, long Interactions, int AsnClicks, double? AsnClicksPerReach);
}
