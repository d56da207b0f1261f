namespace Broker.Reports;

/// <summary>
/// Flow 8, per item: minutes from the end of the covered event to the first publication, and whether that met the
/// two-hour rule (<c>Reports:PublishWithin</c>); the share of items meeting it per OPD and per week. An item not yet
/// published counts as missed once the time allowed has passed, and as pending before that. Items are those whose event
/// ended in the period, rejected ones left out. <see cref="Items"/> holds the latest of them (at most
/// <see cref="TwoHourRuleReport.MostItemRows"/>; the CSV table every one), <see cref="ItemCount"/> how many there are.
/// </summary>
public sealed record TwoHourRule(
    ReportPeriod Period,
    int TargetMinutes,
    IReadOnlyList<TwoHourRule.ItemRow> Items,
    IReadOnlyList<TwoHourRule.ShareRow> Opds,
    IReadOnlyList<TwoHourRule.ShareRow> Weeks,
    int ItemCount) : ITabularReport
{
    public static IReadOnlyList<string> TableNames { get; } = ["items", "opds", "weeks"];

    public CsvTable Table(string name) => name switch
    {
        "items" => new CsvTable(name,
            ["itemId", "opd", "title", "eventEndedAt", "firstPublishedAt", "minutes", "met"],
            [.. Items.Select(i => new object?[] { i.ItemId, i.Opd, i.Title, i.EventEndedAt, i.FirstPublishedAt, i.Minutes, i.Met })]),
        "opds" => SharesTable(name, "opd", Opds),
        "weeks" => SharesTable(name, "weekStart", Weeks),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown table."),
    };

    private static CsvTable SharesTable(string name, string key, IReadOnlyList<ShareRow> shares) =>
        new(name, [key, "items", "met", "missed", "pending", "share"], [.. shares.Select(s => new object?[] { s.Key, s.Items, s.Met, s.Missed, s.Pending, s.Share })]);

    public sealed record ItemRow(
        string ItemId,
        string Opd,
        string Title,
        DateTimeOffset EventEndedAt,
        DateTimeOffset? FirstPublishedAt,
        int? Minutes,
        bool? Met);

    /// <summary>
    /// Items of one OPD (key: its code) or one week (key: its Monday, in the installation's time zone); the share is
    /// met ÷ (met + missed), null while nothing is decided.
    /// </summary>
    public sealed record ShareRow(string Key, string? Name, int Items, int Met, int Missed, int Pending, double? Share)
    {
        public static ShareRow Of(string key, string? name, int items, int met, int missed) =>
            new(key, name, items, met, missed, items - met - missed, met + missed == 0 ? null : Math.Round((double)met / (met + missed), 4));
    }
}
