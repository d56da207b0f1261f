using System.Net;
using Polly;
using Polly.Timeout;

namespace Broker.Adapters.Http;

/// <summary>
/// The HTTP-layer resilience every adapter uses: repeats only what is safe to repeat. Reads (GET, HEAD) are retried on
/// connection failures, timeouts, 408, 429 and 5xx; any other request only when it failed to connect, because then it
/// never left. A publish call whose outcome is unknown is never repeated here: the delivery layer reconciles it.
/// </summary>
public static class SafeRetryPolicy
{
    /// <summary>Builds the policy for one request: retry (outer) around a per-try timeout (inner).</summary>
    public static IAsyncPolicy<HttpResponseMessage> For(HttpRequestMessage request, AdapterHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var safe = IsSafeToRepeat(request.Method);
        var retry = Policy<HttpResponseMessage>
            .Handle<HttpRequestException>(ex => safe || NeverLeft(ex))
            .Or<TimeoutRejectedException>(_ => safe)
            .OrResult(response => safe && IsTransient(response.StatusCode))
            .WaitAndRetryAsync(
                options.SafeRetries,
                (attempt, outcome, _) => Delay(attempt, outcome.Result, options),
                (_, _, _, _) => Task.CompletedTask);
        var timeout = Policy.TimeoutAsync<HttpResponseMessage>(options.RequestTimeout, TimeoutStrategy.Optimistic);
        return retry.WrapAsync(timeout);
    }

    /// <summary>Whether a request with this method can be sent twice without a second effect.</summary>
    public static bool IsSafeToRepeat(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

    /// <summary>Whether the failure happened before the request was sent (so the platform never saw it).</summary>
    public static bool NeverLeft(HttpRequestException exception) =>
        exception?.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan Delay(int attempt, HttpResponseMessage? response, AdapterHttpOptions options)
    {
        var asked = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            _ => (TimeSpan?)null,
        };
        var backoff = options.FirstBackoff * Math.Pow(2, attempt - 1);
        var jittered = backoff * (0.5 + (Random.Shared.NextDouble() / 2));
        var wait = asked is { } a && a > jittered ? a : jittered;
        return wait > options.MaxBackoff ? options.MaxBackoff : wait;
    }
}
