using System.Globalization;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.History;

/// <summary>
/// One broker process on one database: process start to serving <c>/health</c>, then each list endpoint and page read by
/// <see cref="Users"/> users at once, then each report over 365 days (twice, one after the other), with the process's
/// peak working set read after the lists and again after the reports.
/// <para>
/// Each list is loaded twice at <see cref="Users"/> users. The first round (the first lists' right after start) runs
/// while the JIT is still moving the hot methods from their first quick compilation to optimised code (tiered
/// compilation and dynamic PGO): it is kept and printed as the cold figure. Then <see cref="WarmUpRequests"/> of load
/// are discarded and the judged round measures the steady state a broker that has served for a minute is in.
/// </para>
/// </summary>
internal static class HistoryRun
{
    public const int Users = 20;

    private const int Requests = 200;

    /// <summary>How many times the broker is started on each database for the start-up figure (judged by the median).</summary>
    public const int Starts = 3;

    /// <summary>Requests sent by one user alone, one after the other, before the load: the cost of one answer.</summary>
    private const int Alone = 10;

    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Requests at <see cref="Users"/> users, discarded, between the cold round and the judged one (at most
    /// <see cref="WarmUpCap"/>). A count, not a time: the first list loaded after the start needs about 4,000 requests
    /// before the JIT has its hot methods optimised (on two cores its background compilations wait behind the load), and
    /// five seconds of it, as this was until run 30, judged the review queue at a p50 of 54.5 ms where a broker that had
    /// served longer answered in 13 ms. The lists after it share most of its code and get there sooner.
    /// </summary>
    private const int WarmUpRequests = 5_000;

    private static readonly TimeSpan WarmUpCap = TimeSpan.FromSeconds(30);

    /// <summary>One list endpoint or page: the target its p99 is judged against.</summary>
    public sealed record Endpoint(string Name, Func<int, string> Path, TimeSpan Target, int WarmUps = 3);

    public sealed record Measures(
        TimeSpan Serving,
        IReadOnlyList<TimeSpan> Starts,
        TimeSpan? Recovered,
        IReadOnlyDictionary<string, RequestLoad.Result> Lists,
        IReadOnlyDictionary<string, (TimeSpan First, TimeSpan Second)> Reports,
        long PeakAfterLists,
        long PeakAfterReports,
        long DatabaseBytes,
        IReadOnlyDictionary<string, Percentiles> AloneLists,
        IReadOnlyDictionary<string, RequestLoad.Result> ColdLists);

    public static readonly string[] ReportNames = ["opd-activity", "two-hour-rule", "delivery-health", "amplification"];

    private static int distinct;

    public static IReadOnlyList<Endpoint> Endpoints { get; } =
    [
        new("review queue, page /tinjau", _ => "/tinjau", Target(100)),
        new("calendar, page /jadwal", _ => "/jadwal", Target(100)),
        new("deliveries, GET /api/deliveries?status=published", _ => "/api/deliveries?status=published", Target(100)),
        new("deliveries failed or held, page /pengiriman", _ => "/pengiriman", Target(100)),
        new("audit trail, GET /api/audit", _ => "/api/audit", Target(100)),
        new("audit trail, page /jejak-audit", _ => "/jejak-audit", Target(100)),
        new("ASN directory, GET /api/asn (a page of 500)", _ => "/api/asn", Target(100)),
        new("ASN directory search, GET /api/asn?q=siti", _ => "/api/asn?q=siti", Target(100)),
        new("ASN directory, page /direktori-asn", _ => "/direktori-asn", Target(100)),
        new("ASN directory search, page /direktori-asn?q=siti", _ => "/direktori-asn?q=siti", Target(100)),
        new("an ASN's share page /asn (20 ASN in turn)", n => "/asn?nip=" + HistoryRows.Nip(n % HistorySize.MeasuredAsn), Target(50), HistorySize.MeasuredAsn),
        new("items, GET /api/items", _ => "/api/items", Target(100)),

        // Every request of its own (a query parameter the API ignores): none is answered from the list cache, so this is
        // the page read afresh, as when items change between every two requests.
        new("items read afresh, GET /api/items?fresh={n}", _ => $"/api/items?fresh={Interlocked.Increment(ref distinct)}", Target(100)),
        new("items, page /konten", _ => "/konten", Target(100)),
    ];

    public static async Task<Measures> RunAsync(ScratchFolder folder, PlatformSandbox sandbox, TextWriter log, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            // One address and one user send every request here: the per-user limit would answer 429 after 600 a minute.
            ["Access__RequestsPerMinute"] = "1000000",
        };

        // One start on this machine varies by a few hundred milliseconds from the next (2.0-3.4 s empty over runs 19-24):
        // the start is measured Starts times on the same file, each broker stopped before the next starts, the first on
        // the fresh copy, and judged by the median. The last broker started is the one the lists are measured on.
        var starts = new List<TimeSpan>(Starts);
        for (var n = 1; n < Starts; n++)
        {
            await using var earlier = new BrokerProcess(folder, sandbox.GraphBaseUrl, settings);
            earlier.Start();
            starts.Add(await earlier.WaitUntilServingAsync(TimeSpan.FromMinutes(10), cancellationToken));
            await earlier.StopAsync(cancellationToken);
        }

        await using var broker = new BrokerProcess(folder, sandbox.GraphBaseUrl, settings);
        broker.Start();
        starts.Add(await broker.WaitUntilServingAsync(TimeSpan.FromMinutes(10), cancellationToken));
        var serving = starts.Order().ElementAt(starts.Count / 2);
        TimeSpan? recovered = null;
        try
        {
            recovered = await broker.WaitForLogAsync("Recovered", TimeSpan.FromMinutes(5), cancellationToken);
        }
        catch (TimeoutException)
        {
            log.WriteLine("  the broker never logged its recovery");
        }

        var alone = new Dictionary<string, Percentiles>(StringComparer.Ordinal);
        log.WriteLine($"  serving in {Report.Format.Seconds(serving)} (the median of {string.Join(", ", starts.Select(Report.Format.Seconds))})");
        using var load = new RequestLoad(broker.BaseUrl, BrokerProcess.AdminToken);
        var lists = new Dictionary<string, RequestLoad.Result>(StringComparer.Ordinal);
        var cold = new Dictionary<string, RequestLoad.Result>(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints)
        {
            // Warm-up, one request at a time: the share links the share page makes on first view, the page caches.
            for (var n = 0; n < endpoint.WarmUps; n++)
            {
                await load.TimeAsync(endpoint.Path(n), cancellationToken);
            }

            cold[endpoint.Name] = await load.RunAsync(endpoint.Path, Users, Requests, Cap, cancellationToken);
            var warming = Clock.Timestamp;
            var warmUp = await load.RunAsync(endpoint.Path, Users, WarmUpRequests, WarmUpCap, cancellationToken);
            var warmedIn = Clock.Since(warming);
            var single = new List<TimeSpan>();
            for (var n = 0; n < Alone; n++)
            {
                single.Add(await load.TimeAsync(endpoint.Path(n), cancellationToken));
            }

            alone[endpoint.Name] = Percentiles.Of(single);
            var result = await load.RunAsync(endpoint.Path, Users, Requests, Cap, cancellationToken);
            lists[endpoint.Name] = result;
            log.WriteLine($"  {endpoint.Name}: cold p99 {Report.Format.Millis(cold[endpoint.Name].Latency.P99)}; warm-up {warmUp.Requests:N0} requests in {Report.Format.Seconds(warmedIn)}; alone p50 {Report.Format.Millis(alone[endpoint.Name].P50)}; p50 {Report.Format.Millis(result.Latency.P50)}, p99 {Report.Format.Millis(result.Latency.P99)} ({result.Requests} requests){(result.Failure is null ? "" : "; " + result.Failure)}");
        }

        var peakAfterLists = broker.PeakWorkingSetBytes();
        var reports = new Dictionary<string, (TimeSpan, TimeSpan)>(StringComparer.Ordinal);
        var to = DateOnly.FromDateTime(Clock.Now.UtcDateTime);
        var period = string.Create(CultureInfo.InvariantCulture, $"from={to.AddDays(-364):yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        foreach (var name in ReportNames)
        {
            var path = $"/api/reports/{name}?{period}";
            var first = await load.TimeAsync(path, cancellationToken);
            var second = await load.TimeAsync(path, cancellationToken);
            reports[name] = (first, second);
            log.WriteLine($"  report {name}: {Report.Format.Millis(first)}, then {Report.Format.Millis(second)}; peak working set so far {broker.PeakWorkingSetBytes() / (1024 * 1024)} MB");
        }

        var peakAfterReports = broker.PeakWorkingSetBytes();
        await broker.StopAsync(cancellationToken);
        return new Measures(serving, starts, recovered, lists, reports, peakAfterLists, peakAfterReports, Seeder.SizeOf(folder), alone, cold);
    }

    private static TimeSpan Target(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
