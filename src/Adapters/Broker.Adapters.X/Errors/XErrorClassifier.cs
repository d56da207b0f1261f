using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Broker.Adapters.Http;
using Polly.Timeout;

namespace Broker.Adapters.X.Errors;

/// <summary>X's refusals and failures and what they mean for a delivery: one table (platforms.md §3.6 and §4, X column).</summary>
internal static class XErrorClassifier
{
    private const string OperatorMustAct = "the X app's usage cap or credits are exhausted — an operator must act (raise the cap or top up credits in the X Developer Console)";

    /// <summary>The table, first match wins.</summary>
    public static IReadOnlyList<XErrorRule> Table { get; } =
    [
        // 402: pay-per-use credits exhausted (UNCONFIRMED body); waiting does not help, a person must pay.
        new(402, null, null, XErrorAction.OperatorMustAct, OperatorMustAct),

        // usage-capped: when X names a 24-hour reset the cap lifts by itself and we wait for it, else an operator acts.
        new(429, "usage-capped", null, XErrorAction.OperatorMustAct, OperatorMustAct),
        new(429, null, null, XErrorAction.WaitForRateLimit, "X's rate limit was reached"),
        new(401, null, null, XErrorAction.Reauthorize, "X refused the credentials (expired or revoked); a person must reconnect the account"),

        // X refuses a post whose text repeats a recent one. After an earlier attempt whose answer was lost, that
        // strongly suggests the earlier attempt went through: report Unknown so the broker reconciles (finds the
        // post) instead of failing the delivery or posting again.
        new(403, null, IsDuplicate, XErrorAction.MaybePublished, "X calls this a duplicate post, so an earlier attempt may already have published it"),
        new(403, "client-forbidden", null, XErrorAction.Permanent, "X refused the app: it must be attached to a Project with the right access level"),
        new(403, null, null, XErrorAction.Permanent, "X does not permit this post"),
        new(400, null, null, XErrorAction.Permanent, "X refused the request as invalid"),
        new(404, null, null, XErrorAction.Permanent, "X does not know the account or resource"),

        // A 5xx is retried: if X did publish anyway, the retry is answered with the duplicate-content 403 above,
        // which leads to reconciliation rather than a second post.
        new(500, null, null, XErrorAction.Retry, "X had a server error"),
        new(502, null, null, XErrorAction.Retry, "X's gateway failed"),
        new(503, null, null, XErrorAction.Retry, "X is unavailable"),
        new(504, null, null, XErrorAction.Retry, "X's gateway timed out"),
    ];

    /// <summary>The outcome of a non-success answer.</summary>
    public static PublishOutcome Classify(
        HttpStatusCode status,
        HttpResponseHeaders headers,
        string body,
        XCall call,
        DateTimeOffset now,
        TimeSpan defaultWait)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var problem = XProblem.Parse(body ?? string.Empty);
        var code = (int)status;
        var rule = Table.FirstOrDefault(r => r.Matches(code, problem));
        var action = rule?.Action ?? (code >= 500 ? XErrorAction.Retry : XErrorAction.Permanent);
        var reason = $"{rule?.Reason ?? $"X answered {code}"} (HTTP {code}, {problem.Describe()})";
        return action switch
        {
            XErrorAction.Retry => new PublishOutcome.Transient(reason),
            XErrorAction.WaitForRateLimit => new PublishOutcome.RateLimited(reason, RateLimitReset(headers, now, defaultWait)),
            XErrorAction.OperatorMustAct when code == 429 && DailyReset(headers) is { } daily =>
                new PublishOutcome.RateLimited($"X's 24-hour cap was reached (HTTP 429, {problem.Describe()})", daily),
            XErrorAction.OperatorMustAct => new PublishOutcome.Failed(reason),
            XErrorAction.Reauthorize => new PublishOutcome.NeedsReauthorization(reason),
            XErrorAction.MaybePublished when call == XCall.Publish => new PublishOutcome.Unknown(reason),
            XErrorAction.MaybePublished => new PublishOutcome.Transient(reason),
            _ => new PublishOutcome.Failed(reason),
        };
    }

    /// <summary>The outcome of a non-success answer (convenience for tests and callers holding the message).</summary>
    public static async Task<PublishOutcome> ClassifyAsync(HttpResponseMessage response, XCall call, DateTimeOffset now, TimeSpan defaultWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Classify(response.StatusCode, response.Headers, body, call, now, defaultWait);
    }

    /// <summary>
    /// The outcome of a call that got no answer, or <c>null</c> when <paramref name="exception"/> is not a network
    /// failure (a bug, or the caller's cancellation, which the caller rethrows). A publish call that may have reached
    /// X is Unknown; one that never left (connection refused, name not resolved) is Transient; uploads and reads are
    /// never publishes, so their failures are Transient.
    /// </summary>
    public static PublishOutcome? ClassifyFailure(Exception exception, XCall call, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var what = exception switch
        {
            HttpRequestException http when SafeRetryPolicy.NeverLeft(http) => "never-left",
            HttpRequestException or IOException => "dropped",
            TimeoutRejectedException => "timeout",
            OperationCanceledException when !callerToken.IsCancellationRequested => "timeout",
            _ => null,
        };
        return what switch
        {
            null => null,
            "never-left" => new PublishOutcome.Transient($"Could not connect to X ({exception.Message})"),
            _ when call != XCall.Publish => new PublishOutcome.Transient($"X did not answer a {call.ToString().ToLowerInvariant()} call ({what})"),
            "timeout" => new PublishOutcome.Unknown("X did not answer the post in time; it may have been published"),
            _ => new PublishOutcome.Unknown($"The connection to X dropped after the post was sent; it may have been published ({exception.Message})"),
        };
    }

    private static bool IsDuplicate(XProblem problem) =>
        problem.Detail?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) == true
        || problem.Kind?.Contains("duplicate", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The latest reset among the exhausted windows; <c>x-rate-limit-reset</c> alone when none says it is exhausted.</summary>
    private static DateTimeOffset RateLimitReset(HttpResponseHeaders headers, DateTimeOffset now, TimeSpan defaultWait)
    {
        var exhausted = new[] { "x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour" }
            .Where(prefix => Number(headers, $"{prefix}-remaining") == 0)
            .Select(prefix => Number(headers, $"{prefix}-reset"))
            .OfType<long>()
            .Select(DateTimeOffset.FromUnixTimeSeconds)
            .ToList();
        if (exhausted.Count > 0)
        {
            return exhausted.Max();
        }

        return Number(headers, "x-rate-limit-reset") is { } reset ? DateTimeOffset.FromUnixTimeSeconds(reset) : now + defaultWait;
    }

    private static DateTimeOffset? DailyReset(HttpResponseHeaders headers) =>
        new[] { Number(headers, "x-user-limit-24hour-reset"), Number(headers, "x-app-limit-24hour-reset") }
            .OfType<long>()
            .Select(DateTimeOffset.FromUnixTimeSeconds)
            .Cast<DateTimeOffset?>()
            .Max();

    private static long? Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
