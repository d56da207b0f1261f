using System.Globalization;

namespace Broker.Bench.History;

/// <summary>
/// How much history the section seeds: the issue's year of a city (<see cref="Full"/>), or a fraction of it
/// (<c>--scale</c>). The OPDs and their accounts, and the ASN whose share pages are read, are there at every scale.
/// </summary>
internal sealed record HistorySize(
    double Scale, int Items, int Deliveries, int Audit, int Asn, int Links, int Clicks, int Pending, int Review)
{
    /// <summary>OPDs, Diskominfo among them; each has two Facebook Pages.</summary>
    public const int Opds = 40;

    /// <summary>The ASN whose share pages the users read, one after another (the first of the active ones).</summary>
    public const int MeasuredAsn = 20;

    public static readonly HistorySize Full = new(1, 300_000, 1_000_000, 1_000_000, 100_000, 50_000, 5_000_000, 1_000, 50);

    /// <summary>No history: the OPDs, their accounts and the measured ASN only, the reference every figure is set beside.</summary>
    public static readonly HistorySize Empty = new(0, 0, 0, 0, MeasuredAsn, 0, 0, 0, 0);

    public static HistorySize Of(double scale) => scale >= 1 ? Full : new(
        scale,
        Scaled(Full.Items, scale, 100),
        Scaled(Full.Deliveries, scale, 300),
        Scaled(Full.Audit, scale, 300),
        Scaled(Full.Asn, scale, 200),
        Scaled(Full.Links, scale, 100),
        Scaled(Full.Clicks, scale, 1_000),
        Scaled(Full.Pending, scale, 30),
        Scaled(Full.Review, scale, 20));

    /// <summary>Every hundredth item was opened for sharing, for a week.</summary>
    public int Shared => Items / 100;

    /// <summary>The ASN who share: a tenth of the directory (at least the measured ones).</summary>
    public int ActiveAsn => Math.Min(Asn, Math.Max(MeasuredAsn, Asn / 10));

    /// <summary>The name of the cache folder: the scale, so that a run at another scale seeds its own.</summary>
    public string Key => "history-" + Scale.ToString("0.####", CultureInfo.InvariantCulture);

    public long Rows => (long)Items + Deliveries + Audit + Asn + Links + Clicks + Pending + Review;

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Items:N0} items, {Deliveries:N0} finished deliveries, {Audit:N0} audit entries, {Asn:N0} ASN, {Links:N0} share links, {Clicks:N0} clicks, {Pending:N0} pending deliveries, {Review:N0} items in review");

    private static int Scaled(int full, double scale, int least) => Math.Max(least, (int)Math.Round(full * scale));
}
