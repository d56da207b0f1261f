using Broker.Adapters.Facebook;
using Broker.Adapters.Graph;

namespace Broker.Adapters.Meta.Tests.Facebook;

public sealed class FacebookErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1, null, false, 400, "Transient")]
    [InlineData(2, null, false, 400, "Transient")]
    [InlineData(12345, null, true, 400, "Transient")]
    [InlineData(0, null, false, 503, "Transient")]
    [InlineData(4, null, false, 400, "RateLimited")]
    [InlineData(17, null, false, 400, "RateLimited")]
    [InlineData(32, null, false, 400, "RateLimited")]
    [InlineData(341, null, false, 400, "RateLimited")]
    [InlineData(613, null, false, 400, "RateLimited")]
    [InlineData(80001, null, false, 400, "RateLimited")]
    [InlineData(368, null, false, 400, "Failed")]
    [InlineData(190, null, false, 400, "NeedsReauthorization")]
    [InlineData(190, 458, false, 400, "NeedsReauthorization")]
    [InlineData(190, 459, false, 400, "NeedsReauthorization")]
    [InlineData(190, 460, false, 400, "NeedsReauthorization")]
    [InlineData(190, 463, false, 400, "NeedsReauthorization")]
    [InlineData(190, 467, false, 400, "NeedsReauthorization")]
    [InlineData(102, null, false, 400, "NeedsReauthorization")]
    [InlineData(3, null, false, 400, "Failed")]
    [InlineData(10, null, false, 403, "Failed")]
    [InlineData(200, null, false, 403, "Failed")]
    [InlineData(250, null, false, 403, "Failed")]
    [InlineData(299, null, false, 403, "Failed")]
    [InlineData(100, null, false, 400, "Failed")]
    [InlineData(1609005, null, false, 400, "Failed")]
    [InlineData(506, null, false, 400, "Unknown")]
    [InlineData(12345, null, false, 400, "Failed")]
    public void Each_facebook_error_maps_to_its_row_of_the_table(int code, int? subcode, bool isTransient, int httpStatus, string expected)
    {
        var error = new GraphError(httpStatus, code, subcode, "message", "OAuthException", isTransient, "trace");

        var outcome = FacebookErrorClassifier.Classify(new GraphResult.Refusal(error, GraphUsage.None), Now, DefaultWait, publishingCall: false);

        Assert.Equal(expected, outcome.GetType().Name);
    }

    [Fact]
    public void Throttling_waits_for_the_time_the_usage_header_estimates()
    {
        var refusal = new GraphResult.Refusal(new GraphError(400, 80001, null, "throttled"), new GraphUsage(100, TimeSpan.FromMinutes(7)));

        var outcome = FacebookErrorClassifier.Classify(refusal, Now, DefaultWait, publishingCall: true);

        Assert.Equal(Now.AddMinutes(7), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public void Throttling_without_an_estimate_waits_for_the_configured_default()
    {
        var refusal = new GraphResult.Refusal(new GraphError(400, 32, null, "page throttled"), GraphUsage.None);

        var outcome = FacebookErrorClassifier.Classify(refusal, Now, DefaultWait, publishingCall: false);

        Assert.Equal(Now + DefaultWait, Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public void A_policy_block_fails_and_asks_a_person_to_check()
    {
        var refusal = new GraphResult.Refusal(new GraphError(400, 368, null, "blocked"), GraphUsage.None);

        var outcome = FacebookErrorClassifier.Classify(refusal, Now, DefaultWait, publishingCall: true);

        Assert.Contains("a person must check", Assert.IsType<PublishOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_fault_answering_the_publishing_call_is_unknown_because_the_post_may_exist()
    {
        var refusal = new GraphResult.Refusal(new GraphError(500, 1, null, "unknown error", IsTransient: true), GraphUsage.None);

        var outcome = FacebookErrorClassifier.Classify(refusal, Now, DefaultWait, publishingCall: true);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Theory]
    [InlineData(true, true, "Transient")]
    [InlineData(true, false, "Transient")]
    [InlineData(false, true, "Unknown")]
    [InlineData(false, false, "Transient")]
    public void A_call_without_an_answer_is_unknown_only_when_a_publishing_call_may_have_arrived(bool neverLeft, bool publishingCall, string expected)
    {
        var outcome = FacebookErrorClassifier.Classify(new GraphResult.NoAnswer(neverLeft, "test"), publishingCall);

        Assert.Equal(expected, outcome.GetType().Name);
    }
}
