namespace Broker.Reports;

/// <summary>
/// Flow 8's amplification: share links made and the clicks they brought in the period, per ASN and per OPD (the ASN's
/// OPD when the link was made), ranked by clicks, then unique visitors, then links — the leaderboards.
/// </summary>
public sealed record AmplificationLeaderboards(
    ReportPeriod Period,
    AmplificationLeaderboards.Counts Totals,
    IReadOnlyList<AmplificationLeaderboards.AsnRow> Asn,
    IReadOnlyList<AmplificationLeaderboards.OpdRow> Opds) : ITabularReport
{
    public static IReadOnlyList<string> TableNames { get; } = ["asn", "opds"];

    public CsvTable Table(string name) => name switch
    {
        "asn" => new CsvTable(name,
            ["rank", "nip", "name", "opd", "links", "clicks", "unique"],
            [.. Asn.Select(a => new object?[] { a.Rank, a.Nip, a.Name, a.Opd, a.Links, a.Clicks, a.Unique })]),
        "opds" => new CsvTable(name,
            ["rank", "opd", "opdName", "asn", "links", "clicks", "unique"],
            [.. Opds.Select(o => new object?[] { o.Rank, o.Opd, o.Name, o.Asn, o.Links, o.Clicks, o.Unique })]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown table."),
    };

    /// <summary>Links made, clicks, and unique visitors (distinct visitor hashes) over everything in the report.</summary>
    public sealed record Counts(int Links, int Clicks, int Unique);

    public sealed record AsnRow(int Rank, string Nip, string Name, string Opd, int Links, int Clicks, int Unique);

    /// <summary>One OPD's ASN together: how many of them made a link or brought a click, and their links and clicks.</summary>
    public sealed record OpdRow(int Rank, string Opd, string Name, int Asn, int Links, int Clicks, int Unique);
}
