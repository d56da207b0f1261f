using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.Redirects;

/// <summary>
/// The broker as a process with many share links made through its own API: a few shared items (with a portal link, so
/// nothing needs publishing), ASN imported by CSV, and one link per ASN and item. The redirect's rate limit per address
/// is lifted, since the load generator is one address.
/// </summary>
internal sealed class BrokerRedirects : IAsyncDisposable
{
    private const int Items = 5;
    private readonly ScratchFolder folder;

    private BrokerRedirects(ScratchFolder folder, BrokerProcess broker, IReadOnlyList<string> paths)
    {
        this.folder = folder;
        Broker = broker;
        Paths = paths;
    }

    public BrokerProcess Broker { get; }

    /// <summary>The <c>/s/{code}</c> paths, one per link.</summary>
    public IReadOnlyList<string> Paths { get; }

    public long DatabaseBytes => new FileInfo(folder.Database).Length;

    public static async Task<BrokerRedirects> StartAsync(int links, CancellationToken cancellationToken)
    {
        var folder = new ScratchFolder("redirects");
        var broker = new BrokerProcess(folder, new Uri("http://127.0.0.1:9/graph/"), new Dictionary<string, string>
        {
            ["Access__RedirectsPerMinute"] = "10000000",
            ["Access__RequestsPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        broker.Start();
        await broker.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var paths = await SeedAsync(broker.Client, links, cancellationToken);
        return new BrokerRedirects(folder, broker, paths);
    }

    /// <summary>Clicks the broker has stored (the amplification report's total), polled until it reaches <paramref name="expected"/> or the time is up.</summary>
    public async Task<long> RecordedClicksAsync(long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long recorded = 0;
        await Clock.PollAsync(
            async () =>
            {
                recorded = await ReportedClicksAsync(cancellationToken);
                return recorded >= expected;
            },
            TimeSpan.FromMilliseconds(250),
            timeout,
            cancellationToken);
        return recorded;
    }

    /// <summary>The amplification report over the default period (every click of the run) and how long the broker took to answer it.</summary>
    public async Task<(long Clicks, TimeSpan Took)> TimeReportAsync(CancellationToken cancellationToken)
    {
        var started = Clock.Timestamp;
        var clicks = await ReportedClicksAsync(cancellationToken);
        return (clicks, Clock.Since(started));
    }

    private async Task<long> ReportedClicksAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await Broker.Client.GetFromJsonAsync<JsonElement>("/api/reports/amplification", cancellationToken);
            return report.GetProperty("totals").GetProperty("clicks").GetInt64();
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"GET /api/reports/amplification failed: {ex.Message}{Broker.Tail()}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        folder.Dispose();
    }

    private static async Task<IReadOnlyList<string>> SeedAsync(HttpClient api, int links, CancellationToken cancellationToken)
    {
        await PostAsync(api, "/api/opds", new { code = "diskominfo", name = "Diskominfo" }, cancellationToken);
        await PostAsync(api, "/api/opds", new { code = "dinkes", name = "Dinas Kesehatan" }, cancellationToken);
        var account = (await PostAsync(api, "/api/accounts", new
        {
            opd = "diskominfo",
            platform = "facebook",
            name = "Pemkot",
            externalId = "1000001",
            credentials = new { accessToken = "bench" },
        }, cancellationToken)).GetProperty("id").GetString()!;

        var items = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var item = (await PostAsync(api, "/api/items", new
            {
                opd = "diskominfo",
                title = $"Berita bench {i}",
                body = "Isi berita.",
                link = $"https://portal.example.go.id/berita/{i}",
                accountIds = new[] { account },
            }, cancellationToken)).GetProperty("id").GetString()!;
            await PostAsync(api, $"/api/items/{item}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(7), share = new { } }, cancellationToken);
            items.Add(item);
        }

        var asn = (links + Items - 1) / Items;
        var csv = new StringBuilder("nip,name,opd\n");
        for (var n = 0; n < asn; n++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"19900101{n:D10},ASN {n},dinkes\n");
        }

        using (var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))
        {
            (await api.PostAsync(new Uri("/api/asn/import", UriKind.Relative), content, cancellationToken)).EnsureSuccessStatusCode();
        }

        var wanted = Enumerable.Range(0, links).Select(l => (Nip: $"19900101{l / Items:D10}", Item: items[l % Items])).ToList();
        var codes = new string[wanted.Count];
        await Parallel.ForAsync(0, wanted.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var link = await api.GetFromJsonAsync<JsonElement>($"/api/items/{wanted[i].Item}/share-link?asn={wanted[i].Nip}", ct);
            codes[i] = link.GetProperty("code").GetString()!;
        });
        return [.. codes.Select(c => "/s/" + c)];
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
