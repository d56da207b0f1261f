namespace Broker.Reports;

/// <summary>
/// Flow 8, per OPD: posts per channel in the last 7 and 30 days before the period's end and within the period, days
/// since the last post, and whether the OPD is not updating (no post for more than <c>Reports:StaleAfterDays</c>).
/// </summary>
public sealed record OpdActivity(ReportPeriod Period, int StaleAfterDays, IReadOnlyList<OpdActivity.Row> Opds) : ITabularReport
{
    public static IReadOnlyList<string> TableNames { get; } = ["opds", "channels"];

    public CsvTable Table(string name) => name switch
    {
        "opds" => new CsvTable(name,
            ["opd", "opdName", "postsLast7Days", "postsLast30Days", "postsInPeriod", "lastPostAt", "daysSinceLastPost", "notUpdating"],
            [.. Opds.Select(o => new object?[] { o.Opd, o.Name, o.PostsLast7Days, o.PostsLast30Days, o.PostsInPeriod, o.LastPostAt, o.DaysSinceLastPost, o.NotUpdating })]),
        "channels" => new CsvTable(name,
            ["opd", "opdName", "accountId", "accountName", "platform", "postsLast7Days", "postsLast30Days", "postsInPeriod", "lastPostAt"],
            [.. Opds.SelectMany(o => o.Channels.Select(c => new object?[] { o.Opd, o.Name, c.AccountId, c.AccountName, c.Platform, c.PostsLast7Days, c.PostsLast30Days, c.PostsInPeriod, c.LastPostAt }))]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown table."),
    };

    public sealed record Row(
        string Opd,
        string Name,
        int PostsLast7Days,
        int PostsLast30Days,
        int PostsInPeriod,
        DateTimeOffset? LastPostAt,
        int? DaysSinceLastPost,
        bool NotUpdating,
        IReadOnlyList<Channel> Channels);

    public sealed record Channel(
        string AccountId,
        string AccountName,
        string Platform,
        int PostsLast7Days,
        int PostsLast30Days,
        int PostsInPeriod,
        DateTimeOffset? LastPostAt);
}
