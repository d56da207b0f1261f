using Broker.Adapters.Graph;
using Broker.Adapters.Instagram;

namespace Broker.Adapters.Meta.Tests.Instagram;

public sealed class InstagramErrorClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly InstagramOptions Options = new();

    [Theory]
    [InlineData(-1, 2207001, GraphErrorClass.Retry, "Transient")]
    [InlineData(-2, 2207003, GraphErrorClass.Retry, "Transient")]
    [InlineData(-1, 2207032, GraphErrorClass.Retry, "Transient")]
    [InlineData(-1, 2207008, GraphErrorClass.Retry, "Transient")]
    [InlineData(9007, 2207027, GraphErrorClass.Retry, "Transient")]
    [InlineData(-2, 2207020, GraphErrorClass.Recreate, "Transient")]
    [InlineData(-1, 2207053, GraphErrorClass.Recreate, "Transient")]
    [InlineData(9, 2207042, GraphErrorClass.Throttled, "RateLimited")]
    [InlineData(36000, 2207004, GraphErrorClass.Permanent, "Failed")]
    [InlineData(36001, 2207005, GraphErrorClass.Permanent, "Failed")]
    [InlineData(36003, 2207009, GraphErrorClass.Permanent, "Failed")]
    [InlineData(100, 2207010, GraphErrorClass.Permanent, "Failed")]
    [InlineData(100, 2207023, GraphErrorClass.Permanent, "Failed")]
    [InlineData(100, 2207026, GraphErrorClass.Permanent, "Failed")]
    [InlineData(100, 2207028, GraphErrorClass.Permanent, "Failed")]
    [InlineData(4, 2207051, GraphErrorClass.Permanent, "Failed")]
    [InlineData(1, 2207057, GraphErrorClass.Permanent, "Failed")]
    [InlineData(190, null, GraphErrorClass.Reauthorize, "NeedsReauthorization")]
    [InlineData(190, 460, GraphErrorClass.Reauthorize, "NeedsReauthorization")]
    [InlineData(10, 2207006, GraphErrorClass.Reauthorize, "NeedsReauthorization")]
    [InlineData(9004, 2207052, GraphErrorClass.MediaDownloadFailed, "Transient")]
    [InlineData(9004, null, GraphErrorClass.MediaDownloadFailed, "Transient")]
    [InlineData(4, null, GraphErrorClass.Throttled, "RateLimited")]
    [InlineData(17, null, GraphErrorClass.Throttled, "RateLimited")]
    [InlineData(32, null, GraphErrorClass.Throttled, "RateLimited")]
    [InlineData(80002, null, GraphErrorClass.Throttled, "RateLimited")]
    [InlineData(200, null, GraphErrorClass.Permanent, "Failed")]
    [InlineData(12345, null, GraphErrorClass.Permanent, "Failed")]
    public void Each_instagram_error_maps_to_its_row_of_the_table(int code, int? subcode, GraphErrorClass expectedClass, string expectedOutcome)
    {
        var error = new GraphError(400, code, subcode, "message");

        var outcome = InstagramErrorClassifier.Classify(error, GraphUsage.None, Now, Options, publishingCall: false, earlierDownloadFailures: 0);

        Assert.Equal(expectedClass, InstagramErrorClassifier.Table.Find(error).Class);
        Assert.Equal(expectedOutcome, outcome.GetType().Name);
    }

    [Fact]
    public void A_failed_photo_download_is_transient_the_first_time_and_failed_after_the_configured_retries()
    {
        var error = new GraphError(400, 9004, 2207052, "Media download has failed.");

        var first = InstagramErrorClassifier.Classify(error, GraphUsage.None, Now, Options, publishingCall: false, earlierDownloadFailures: 0);
        var second = InstagramErrorClassifier.Classify(error, GraphUsage.None, Now, Options, publishingCall: false, earlierDownloadFailures: 1);

        Assert.IsType<PublishOutcome.Transient>(first);
        Assert.IsType<PublishOutcome.Failed>(second);
    }

    [Fact]
    public void A_reached_publishing_quota_waits_for_the_configured_quota_wait_not_the_usage_header()
    {
        var error = new GraphError(400, 9, 2207042, "Application request limit reached");

        var outcome = InstagramErrorClassifier.Classify(error, new GraphUsage(100, TimeSpan.FromMinutes(2)), Now, Options, publishingCall: true, earlierDownloadFailures: 0);

        Assert.Equal(Now + Options.QuotaWait, Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public void Throttling_waits_for_the_time_the_usage_header_estimates()
    {
        var error = new GraphError(400, 4, null, "Application request limit reached");

        var outcome = InstagramErrorClassifier.Classify(error, new GraphUsage(100, TimeSpan.FromMinutes(12)), Now, Options, publishingCall: false, earlierDownloadFailures: 0);

        Assert.Equal(Now.AddMinutes(12), Assert.IsType<PublishOutcome.RateLimited>(outcome).Until);
    }

    [Fact]
    public void A_server_fault_answering_media_publish_is_unknown()
    {
        var error = new GraphError(500, 2, null, "Service temporarily unavailable", IsTransient: true);

        var outcome = InstagramErrorClassifier.Classify(error, GraphUsage.None, Now, Options, publishingCall: true, earlierDownloadFailures: 0);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
    }

    [Fact]
    public void An_invalidated_session_needs_reauthorization_whatever_its_code()
    {
        var error = new GraphError(400, 0, null, "Error validating access token: The session has been invalidated because the user changed their password.");

        var outcome = InstagramErrorClassifier.Classify(error, GraphUsage.None, Now, Options, publishingCall: false, earlierDownloadFailures: 0);

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
    }
}
