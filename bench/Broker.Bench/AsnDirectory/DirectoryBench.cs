using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Broker.Bench.History;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.AsnDirectory;

/// <summary>
/// Section "directory" (issue 14: "search and paging, 100,000 rows must stay fast"): 100,000 ASN over 40 OPDs seeded
/// through the broker's own store (<see cref="DirectorySeeder"/>, cached), one Release broker on it, and p50 and p99 at
/// 20 users at once of the directory's lists, searches and pages, an OPD admin's (OPD-scoped) view, the CSV import
/// preview of 300 and of 5,000 rows (checked and kept as a preview, never imported), then the bulk sign-in CSV of one OPD.
/// </summary>
internal static partial class DirectoryBench
{
    private const string Section = "directory";

    private const int Users = 20;

    /// <summary>The OPD whose admin reads the directory and whose ASN get sign-in links: a fortieth of the directory.</summary>
    private const int MeasuredOpd = 5;

    /// <summary>Requests of one user alone, the reference beside each figure at <see cref="Users"/>.</summary>
    private const int Alone = 10;

    private static readonly TimeSpan ListTarget = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    private sealed record Measure(string Name, bool AsOpdAdmin, Func<int, HttpRequestMessage> Request, TimeSpan? Target, int Requests);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var asn = settings.Quick ? 10_000 : 100_000;
        var seeded = await DirectorySeeder.EnsureAsync(asn, settings.Reseed, log, cancellationToken);
        var figures = new List<Figure>
        {
            Figure.Info(Section, $"seeded: {Format.Count(asn)} ASN over {HistorySize.Opds} OPDs through IAsnStore.AddAllAsync",
                $"{Format.Seconds(seeded.SeededIn)}, {Format.Rate(asn / Math.Max(seeded.SeededIn.TotalSeconds, 0.001), " rows/s")}",
                seeded.Reused ? "reused from bench/.cache" : "seeded in this run"),
        };

        await using var sandbox = await PlatformSandbox.StartAsync(0, cancellationToken);
        using var folder = DirectorySeeder.Copy(seeded);
        await using var broker = new BrokerProcess(folder, sandbox.GraphBaseUrl, new Dictionary<string, string>
        {
            // One address and one user send every request here: the per-user limit would answer 429 after 600 a minute.
            ["Access__RequestsPerMinute"] = "1000000",
        });
        broker.Start();
        var serving = await broker.WaitUntilServingAsync(TimeSpan.FromMinutes(5), cancellationToken);
        figures.Add(Figure.Info(Section, "process start → serving /health", Format.Seconds(serving)));
        log.WriteLine($"  serving in {Format.Seconds(serving)}");

        using var editor = new RequestLoad(broker.BaseUrl, BrokerProcess.AdminToken);
        using var admin = new RequestLoad(broker.BaseUrl, await OpdAdminTokenAsync(broker, cancellationToken));
        foreach (var measure in Measures(asn, settings.Quick))
        {
            var load = measure.AsOpdAdmin ? admin : editor;
            await load.RunAsync(measure.Request, 1, 3, Cap, cancellationToken); // warm-up, one at a time

            // One user alone first: the cost of the request itself, beside what 20 at once make of it.
            var alone = await load.RunAsync(measure.Request, 1, Alone, Cap, cancellationToken);
            var result = await load.RunAsync(measure.Request, Users, measure.Requests, Cap, cancellationToken);
            log.WriteLine($"  {measure.Name}: p50 {Format.Millis(result.Latency.P50)}, p99 {Format.Millis(result.Latency.P99)} ({result.Requests} requests); alone p50 {Format.Millis(alone.Latency.P50)}{(result.Failure is null ? "" : "; " + result.Failure)}");
            var measured = $"p99 {Format.Millis(result.Latency.P99)}, p50 {Format.Millis(result.Latency.P50)}";
            var reference = $"1 user: p50 {Format.Millis(alone.Latency.P50)}, max {Format.Millis(alone.Latency.Max)}; {result.Requests} requests";
            figures.Add(result.Failure is { } failure
                ? Figure.Failed(Section, $"at {Users} users: {measure.Name}", failure)
                : measure.Target is { } target
                    ? Figure.Judged(Section, $"at {Users} users: {measure.Name}", measured, reference, $"p99 < {Format.Millis(target)}", result.Latency.P99 < target, settings.Quick)
                    : Figure.Info(Section, $"at {Users} users: {measure.Name}", measured, reference));
        }

        figures.AddRange(await BulkSignInAsync(broker, asn, log, cancellationToken));
        figures.Add(Figure.Info(Section, "peak working set of the broker", Format.Megabytes(broker.PeakWorkingSetBytes())));
        await broker.StopAsync(cancellationToken);
        return figures;
    }

    private static List<Measure> Measures(int asn, bool quick)
    {
        // A page deep in the cursor chain: the cursor is the last NIP of the page before, here nine tenths of the way in.
        var deep = Enumerable.Range(0, asn).Select(HistoryRows.Nip).Order(StringComparer.Ordinal).ElementAt((asn * 9 / 10) - 1);
        var (small, large) = (Csv(300), Csv(5_000));
        var requests = quick ? 40 : 200;
        return
        [
            new("GET /api/asn, first page (500)", false, _ => Get("/api/asn"), ListTarget, requests),
            new("GET /api/asn?after=…, page at 90% of the chain", false, _ => Get("/api/asn?after=" + deep), ListTarget, requests),
            new("GET /api/asn?q=siti (a common name, 1 in 20)", false, _ => Get("/api/asn?q=siti"), ListTarget, requests),
            new("GET /api/asn?q=197501 (NIP prefix, ~310 rows)", false, _ => Get("/api/asn?q=197501"), ListTarget, requests),
            new("GET /api/asn?q=zzz (no match: the whole search)", false, _ => Get("/api/asn?q=zzz"), ListTarget, requests),
            new("page /direktori-asn", false, _ => Get("/direktori-asn"), ListTarget, requests),
            new("page /direktori-asn?setelah=…, at 90%", false, _ => Get("/direktori-asn?setelah=" + deep), ListTarget, requests),
            new("page /direktori-asn?q=siti", false, _ => Get("/direktori-asn?q=siti"), ListTarget, requests),
            new("page /direktori-asn?q=197501", false, _ => Get("/direktori-asn?q=197501"), ListTarget, requests),
            new($"OPD admin ({Format.Count(asn / HistorySize.Opds)} ASN): GET /api/asn", true, _ => Get("/api/asn"), ListTarget, requests),
            new("OPD admin: page /direktori-asn", true, _ => Get("/direktori-asn"), ListTarget, requests),
            new("OPD admin: page /direktori-asn?q=siti", true, _ => Get("/direktori-asn?q=siti"), ListTarget, requests),
            new("CSV import preview, 300 rows (nothing imported)", false, _ => Preview(small), null, quick ? 20 : 100),
            new("CSV import preview, 5,000 rows (nothing imported)", false, _ => Preview(large), null, quick ? 20 : 40),
        ];
    }

    /// <summary>
    /// The bulk sign-in CSV of one OPD, posted from its page as an editor's browser does (a cookie session, the form's
    /// antiforgery token), one at a time (the hand-outs take turns): the first makes an ASN user for each, the next reuse them.
    /// </summary>
    private static async Task<List<Figure>> BulkSignInAsync(BrokerProcess broker, int asn, TextWriter log, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var browser = new RequestLoad(broker.BaseUrl, null, cookies);
        using (var signIn = await browser.Client.PostAsJsonAsync("/api/sessions", new { token = BrokerProcess.AdminToken }, cancellationToken))
        {
            signIn.EnsureSuccessStatusCode();
        }

        var page = await browser.Client.GetStringAsync("/direktori-asn/tautan", cancellationToken);
        var token = FormToken().Match(page).Groups[1].Value;
        var opd = HistoryRows.OpdId(MeasuredOpd);
        var times = new List<TimeSpan>();
        var rows = 0;
        for (var n = 0; n < 4; n++)
        {
            using var form = new FormUrlEncodedContent([new("opd", opd), new("format", "csv"), new("__RequestVerificationToken", token)]);
            var started = Clock.Timestamp;
            using var response = await browser.Client.PostAsync("/direktori-asn/tautan", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            times.Add(Clock.Since(started));
            if (response.StatusCode != HttpStatusCode.OK || !response.Content.Headers.ContentType!.MediaType!.Contains("csv", StringComparison.Ordinal))
            {
                return [Figure.Failed(Section, "bulk sign-in CSV", $"POST /direktori-asn/tautan answered {(int)response.StatusCode} {response.Content.Headers.ContentType}")];
            }

            rows = body.Count(c => c == '\n') - 1;
        }

        log.WriteLine($"  bulk sign-in CSV of {opd} ({rows} rows): {string.Join(", ", times.Select(Format.Millis))}");
        var expected = asn / HistorySize.Opds;
        return
        [
            Figure.Info(Section, $"bulk sign-in CSV, one OPD ({Format.Count(rows)} ASN): the first (makes their users)", Format.Millis(times[0]), rows == expected ? "" : $"expected {Format.Count(expected)} rows"),
            Figure.Info(Section, "  the same again (users exist, new links), 3 times", string.Join(", ", times.Skip(1).Select(Format.Millis))),
        ];
    }

    private static async Task<string> OpdAdminTokenAsync(BrokerProcess broker, CancellationToken cancellationToken)
    {
        using var response = await broker.Client.PostAsJsonAsync("/api/users", new { name = "Admin bench", role = "opdAdmin", opd = HistoryRows.OpdId(MeasuredOpd) }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(cancellationToken);
        return issued!.Token;
    }

    private sealed record IssuedToken(string Token);

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private static HttpRequestMessage Preview(byte[] csv) => new(HttpMethod.Post, new Uri("/api/asn/import/previews", UriKind.Relative))
    {
        Content = new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } },
    };

    /// <summary>
    /// A CSV of <paramref name="rows"/> ASN as an OPD sends it: new NIPs (past the seeded ones), every fiftieth one
    /// already in the directory, so the preview refuses a few and accepts the rest.
    /// </summary>
    private static byte[] Csv(int rows)
    {
        var text = new StringBuilder("nip,name,opd,phone,email\n");
        for (var i = 0; i < rows; i++)
        {
            var index = i % 50 == 49 ? i : 150_000 + i;
            text.Append(CultureInfo.InvariantCulture, $"{HistoryRows.Nip(index)},Pegawai Baru {i},{HistoryRows.OpdId(i % HistorySize.Opds)},+62813{i:D7},\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
