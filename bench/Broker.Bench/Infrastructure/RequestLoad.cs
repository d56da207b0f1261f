using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
namespace Broker.Bench.Infrastructure;

/// <summary>
/// Users sending requests at once (a closed loop), each its next as soon as the last answer is read whole: the latency of
/// every answer to its last byte, until the requests are spent or the cap is reached. Loopback only.
/// </summary>
internal sealed class RequestLoad : IDisposable
{
    private readonly HttpClient client;

    public RequestLoad(Uri baseUrl, string? token, CookieContainer? cookies = null)
    {
        client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(10),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>What a load made: the latencies of the answers read, and the first refusal if any answer was not 200 or 201.</summary>
    public sealed record Result(Percentiles Latency, int Requests, string? Failure);

    public HttpClient Client => client;

    /// <summary>One GET, timed; throws when the answer is not 200.</summary>
    public async Task<TimeSpan> TimeAsync(string path, CancellationToken cancellationToken)
    {
        using var message = Get(path);
        var started = Clock.Timestamp;
        var status = await SendAsync(message, cancellationToken);
        var took = Clock.Since(started);
        return status == HttpStatusCode.OK ? took : throw new InvalidOperationException($"GET {path} answered {(int)status}.");
    }

    /// <summary>GETs of the paths <paramref name="path"/> gives for the request numbers 1, 2, ….</summary>
    public Task<Result> RunAsync(Func<int, string> path, int users, int requests, TimeSpan cap, CancellationToken cancellationToken) =>
        RunAsync(n => Get(path(n)), users, requests, cap, cancellationToken);

    public async Task<Result> RunAsync(Func<int, HttpRequestMessage> request, int users, int requests, TimeSpan cap, CancellationToken cancellationToken)
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
                using var message = request(n);
                var sent = Clock.Timestamp;
                var status = await SendAsync(message, cancellationToken);
                latencies.Add(Clock.Since(sent));
                if (status is not (HttpStatusCode.OK or HttpStatusCode.Created))
                {
                    Interlocked.CompareExchange(ref failure, $"{message.Method} {message.RequestUri} answered {(int)status}", null);
                }
            }
        }));
        return new Result(Percentiles.Of(latencies), latencies.Count, failure);
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(path, UriKind.Relative));

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => client.Dispose();
}
