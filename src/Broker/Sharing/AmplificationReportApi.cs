using System.Globalization;
using System.Text;
using Broker.Access;
using Broker.Api;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>
/// Flow 8's amplification report: links made, clicks and unique visitors per ASN and per OPD over a period, ranked
/// (leaderboards). JSON, or CSV with <c>Accept: text/csv</c> or <c>?format=csv</c>.
/// </summary>
public static class AmplificationReportApi
{
    public static IEndpointRouteBuilder MapAmplificationReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/amplification", Report).WithTags("Reports").RequireAuthorization(Policies.Managers);
        return app;
    }

    public sealed record Totals(int Links, int Clicks, int Unique);

    public sealed record AsnRow(int Rank, string Nip, string Name, string Opd, int Links, int Clicks, int Unique);

    public sealed record OpdRow(int Rank, string Opd, int Asn, int Links, int Clicks, int Unique);

    public sealed record AmplificationReport(DateTimeOffset? From, DateTimeOffset? To, Totals Totals, IReadOnlyList<AsnRow> Asn, IReadOnlyList<OpdRow> Opds);

    public static async Task<IResult> Report(
        DateTimeOffset? from, DateTimeOffset? to, string? format, IShareLinkStore links, IClickStore clicks, IAsnStore directory, HttpContext context, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            return ApiResults.Invalid("to", "to must be after from.");
        }

        var scope = Caller.Of(context).ScopeOpd(null);
        var made = (await links.ListAsync(from, to, cancellationToken)).Where(l => scope is null || l.Opd == scope).ToList();
        var clicked = (await clicks.ListAsync(from, to, cancellationToken)).Where(c => scope is null || c.Opd == scope).ToList();
        var names = (await directory.ListAsync(scope, cancellationToken)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);

        var linksByAsn = made.GroupBy(l => (l.Nip, l.Opd)).ToDictionary(g => g.Key, g => g.Count());
        var clicksByAsn = clicked.GroupBy(c => (c.Nip, c.Opd)).ToDictionary(g => g.Key, g => ClickCounts.Of(g));
        var asn = linksByAsn.Keys.Union(clicksByAsn.Keys)
            .Select(k => (k, Links: linksByAsn.GetValueOrDefault(k), Counts: clicksByAsn.GetValueOrDefault(k) ?? new ClickCounts(0, 0)))
            .OrderByDescending(r => r.Counts.Total).ThenByDescending(r => r.Counts.Unique).ThenByDescending(r => r.Links).ThenBy(r => r.k.Nip, StringComparer.Ordinal)
            .Select((r, i) => new AsnRow(i + 1, r.k.Nip, names.GetValueOrDefault(r.k.Nip, ""), r.k.Opd, r.Links, r.Counts.Total, r.Counts.Unique))
            .ToList();
        var opds = asn.GroupBy(a => a.Opd)
            .Select(g => (Opd: g.Key, Asn: g.Count(), Links: g.Sum(a => a.Links), Counts: ClickCounts.Of(clicked.Where(c => c.Opd == g.Key))))
            .OrderByDescending(o => o.Counts.Total).ThenBy(o => o.Opd, StringComparer.Ordinal)
            .Select((o, i) => new OpdRow(i + 1, o.Opd, o.Asn, o.Links, o.Counts.Total, o.Counts.Unique))
            .ToList();
        var report = new AmplificationReport(from, to, new Totals(made.Count, clicked.Count, ClickCounts.Of(clicked).Unique), asn, opds);

        var wantsCsv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv ? Results.Text(Csv(report), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    private static string Csv(AmplificationReport report)
    {
        var csv = new StringBuilder("level,rank,opd,nip,name,asn,links,clicks,unique\r\n");
        static string Q(string value) => value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        foreach (var o in report.Opds)
        {
            csv.Append(CultureInfo.InvariantCulture, $"opd,{o.Rank},{Q(o.Opd)},,,{o.Asn},{o.Links},{o.Clicks},{o.Unique}\r\n");
        }

        foreach (var a in report.Asn)
        {
            csv.Append(CultureInfo.InvariantCulture, $"asn,{a.Rank},{Q(a.Opd)},{a.Nip},{Q(a.Name)},,{a.Links},{a.Clicks},{a.Unique}\r\n");
        }

        return csv.ToString();
    }
}
