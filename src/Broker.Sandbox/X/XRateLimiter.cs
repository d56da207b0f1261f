using System.Globalization;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.X;

/// <summary>Per-user windows behind the x-rate-limit-* and x-user-limit-24hour-* headers.</summary>
internal sealed class XRateLimiter(SandboxState state, SandboxOptions options)
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>Counts the call; returns a 429 when the 15-minute window or the 24-hour cap is used up.</summary>
    public SandboxAnswer? Consume(CallContext call)
    {
        var user = call.Caller?.UserId ?? "anonymous";
        var limit = LimitOf(call.Endpoint);
        var window = state.CountXCall(user, call.Endpoint, options.XRateLimitWindow, consume: false);
        var daily = call.Endpoint == "tweets" ? state.CountXCall(user, "tweets-24h", Day, consume: false) : default;
        if (window.Count >= limit || (call.Endpoint == "tweets" && daily.Count >= options.XUserTweetsPer24Hours))
        {
            return XProblems.TooManyRequests();
        }

        state.CountXCall(user, call.Endpoint, options.XRateLimitWindow, consume: true);
        if (call.Endpoint == "tweets")
        {
            state.CountXCall(user, "tweets-24h", Day, consume: true);
        }

        return null;
    }

    public void AddHeaders(CallContext call, SandboxAnswer answer)
    {
        var user = call.Caller?.UserId ?? "anonymous";
        var limit = LimitOf(call.Endpoint);
        var window = state.CountXCall(user, call.Endpoint, options.XRateLimitWindow, consume: false);
        answer.Headers.TryAdd("x-rate-limit-limit", Text(limit));
        answer.Headers.TryAdd("x-rate-limit-remaining", Text(Math.Max(0, limit - window.Count)));
        answer.Headers.TryAdd("x-rate-limit-reset", Text((window.WindowStart + options.XRateLimitWindow).ToUnixTimeSeconds()));
        var daily = state.CountXCall(user, "tweets-24h", Day, consume: false);
        answer.Headers.TryAdd("x-user-limit-24hour-limit", Text(options.XUserTweetsPer24Hours));
        answer.Headers.TryAdd("x-user-limit-24hour-remaining", Text(Math.Max(0, options.XUserTweetsPer24Hours - daily.Count)));
        answer.Headers.TryAdd("x-user-limit-24hour-reset", Text((daily.WindowStart + Day).ToUnixTimeSeconds()));
    }

    private int LimitOf(string endpoint) => endpoint == "tweets" ? options.XTweetsPerWindow : options.XOtherRequestsPerWindow;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
