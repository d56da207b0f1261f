using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.History;

/// <summary>
/// Users reading one endpoint at once, each sending its next GET as soon as the last answer is read whole: the latency of
/// every answer (to its last byte), until the requests are spent or the cap is reached. Loopback only.
/// </summary>
internal sealed class EndpointLoad : IDisposable
{
    private readonly HttpClient client;

    public EndpointLoad(Uri baseUrl, string token)
    {
        client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>What a load made: the latencies of the answers read, and the first refusal if any answer was not 200.</summary>
    public sealed record Result(Percentiles Latency, int Requests, string? Failure);

    /// <summary>One GET, timed; throws when the answer is not 200.</summary>
    public async Task<TimeSpan> TimeAsync(string path, CancellationToken cancellationToken)
    {
        var started = Clock.Timestamp;
        var status = await GetAsync(path, cancellationToken);
        var took = Clock.Since(started);
        return status == HttpStatusCode.OK ? took : throw new InvalidOperationException($"GET {path} answered {(int)status}.");
    }

    public async Task<Result> RunAsync(Func<int, string> path, int users, int requests, TimeSpan cap, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var issued = 0;
        string? failure = null;
        var started = Clock.Timestamp;
        await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref issued)) <= requests && Clock.Since(started) < cap)
            {
                var url = path(n);
                var sent = Clock.Timestamp;
                var status = await GetAsync(url, cancellationToken);
                latencies.Add(Clock.Since(sent));
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.CompareExchange(ref failure, $"GET {url} answered {(int)status}", null);
                }
            }
        }));
        return new Result(Percentiles.Of(latencies), latencies.Count, failure);
    }

    private async Task<HttpStatusCode> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => client.Dispose();
}
