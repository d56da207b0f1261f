using System.Net;
using System.Text;
using Broker.Adapters.X.Errors;
using Polly.Timeout;

namespace Broker.Adapters.X.Tests.Errors;

public sealed class XErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Server_errors_are_transient(int status)
    {
        var outcome = await Classify(Response(status, Problem("Service Unavailable", "Service Unavailable", "about:blank")));

        Assert.IsType<PublishOutcome.Transient>(outcome);
    }

    [Fact]
    public async Task A_429_waits_until_x_rate_limit_reset()
    {
        var reset = Now.AddMinutes(12);
        var response = Response(429, Problem("Too Many Requests", "Too Many Requests", "about:blank"));
        response.Headers.Add("x-rate-limit-remaining", "0");
        response.Headers.Add("x-rate-limit-reset", reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var outcome = Assert.IsType<PublishOutcome.RateLimited>(await Classify(response));

        Assert.Equal(reset, outcome.Until);
    }

    [Fact]
    public async Task A_429_without_reset_header_waits_the_default()
    {
        var outcome = Assert.IsType<PublishOutcome.RateLimited>(await Classify(Response(429, string.Empty)));

        Assert.Equal(Now + DefaultWait, outcome.Until);
    }

    [Fact]
    public async Task A_429_whose_24_hour_window_is_exhausted_waits_for_the_daily_reset()
    {
        var daily = Now.AddHours(20);
        var response = Response(429, Problem("Too Many Requests", "Too Many Requests", "about:blank"));
        response.Headers.Add("x-rate-limit-remaining", "40");
        response.Headers.Add("x-rate-limit-reset", Now.AddMinutes(3).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("x-user-limit-24hour-remaining", "0");
        response.Headers.Add("x-user-limit-24hour-reset", daily.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var outcome = Assert.IsType<PublishOutcome.RateLimited>(await Classify(response));

        Assert.Equal(daily, outcome.Until);
    }

    [Fact]
    public async Task Usage_capped_with_a_24_hour_reset_waits_for_it()
    {
        var daily = Now.AddHours(5);
        var response = Response(429, Problem("UsageCapExceeded", "Usage cap exceeded: Daily user limit", "https://api.x.com/2/problems/usage-capped"));
        response.Headers.Add("x-app-limit-24hour-reset", daily.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var outcome = Assert.IsType<PublishOutcome.RateLimited>(await Classify(response));

        Assert.Equal(daily, outcome.Until);
    }

    [Fact]
    public async Task Usage_capped_without_a_reset_needs_an_operator()
    {
        var outcome = await Classify(Response(429, Problem("UsageCapExceeded", "Usage cap exceeded: Monthly product cap", "https://api.x.com/2/problems/usage-capped")));

        Assert.Contains("operator must act", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payment_required_needs_an_operator()
    {
        var outcome = await Classify(Response(402, Problem("Payment Required", "Your enrolled account does not have any credits", "about:blank")));

        Assert.Contains("operator must act", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_needs_reauthorization()
    {
        var outcome = await Classify(Response(401, Problem("Unauthorized", "Unauthorized", "about:blank")));

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
    }

    [Fact]
    public async Task An_invalid_request_fails_with_x_reason()
    {
        var outcome = await Classify(Response(400, Problem("Invalid Request", "One or more parameters to your request was invalid.", "https://api.x.com/2/problems/invalid-request")));

        Assert.Contains("One or more parameters", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_post_may_already_be_published()
    {
        var outcome = await Classify(Response(403, Problem("Forbidden", "You are not allowed to create a Tweet with duplicate content.", "about:blank")));

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public async Task A_forbidden_client_fails()
    {
        var outcome = await Classify(Response(403, Problem("Client Forbidden", "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.", "https://api.twitter.com/2/problems/client-forbidden")));

        Assert.Contains("Project", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_forbidden_answer_fails()
    {
        var outcome = await Classify(Response(403, Problem("Forbidden", "You are not permitted to perform this action.", "about:blank")));

        Assert.IsType<PublishOutcome.Failed>(outcome);
    }

    [Fact]
    public async Task An_upload_refused_as_duplicate_is_not_ambiguous()
    {
        var response = Response(403, Problem("Forbidden", "duplicate content", "about:blank"));

        var outcome = await XErrorClassifier.ClassifyAsync(response, XCall.Upload, Now, DefaultWait, CancellationToken.None);

        Assert.IsType<PublishOutcome.Transient>(outcome);
    }

    [Fact]
    public void A_timeout_after_the_post_was_sent_is_unknown()
    {
        Assert.IsType<PublishOutcome.Unknown>(XErrorClassifier.ClassifyFailure(new TimeoutRejectedException(), XCall.Publish, CancellationToken.None));
        Assert.IsType<PublishOutcome.Unknown>(XErrorClassifier.ClassifyFailure(new TaskCanceledException(), XCall.Publish, CancellationToken.None));
    }

    [Fact]
    public void A_connection_dropped_after_the_post_was_sent_is_unknown()
    {
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        Assert.IsType<PublishOutcome.Unknown>(XErrorClassifier.ClassifyFailure(dropped, XCall.Publish, CancellationToken.None));
    }

    [Fact]
    public void A_connection_that_never_opened_is_transient()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");

        Assert.IsType<PublishOutcome.Transient>(XErrorClassifier.ClassifyFailure(refused, XCall.Publish, CancellationToken.None));
    }

    [Fact]
    public void Upload_failures_without_an_answer_are_transient()
    {
        Assert.IsType<PublishOutcome.Transient>(XErrorClassifier.ClassifyFailure(new TimeoutRejectedException(), XCall.Upload, CancellationToken.None));
        Assert.IsType<PublishOutcome.Transient>(XErrorClassifier.ClassifyFailure(
            new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), XCall.Upload, CancellationToken.None));
    }

    [Fact]
    public void The_callers_own_cancellation_is_not_an_outcome()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Null(XErrorClassifier.ClassifyFailure(new TaskCanceledException(), XCall.Publish, cancelled.Token));
        Assert.Null(XErrorClassifier.ClassifyFailure(new InvalidOperationException(), XCall.Publish, CancellationToken.None));
    }

    private static Task<PublishOutcome> Classify(HttpResponseMessage response) =>
        XErrorClassifier.ClassifyAsync(response, XCall.Publish, Now, DefaultWait, CancellationToken.None);

    private static HttpResponseMessage Response(int status, string body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/problem+json"),
    };

    private static string Problem(string title, string detail, string type) =>
        $$"""{"title":"{{title}}","detail":"{{detail}}","type":"{{type}}"}""";
}
