using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Facebook;

internal static partial class FacebookLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Published delivery {DeliveryId} to Facebook account {AccountId} as {RemotePostId}")]
    public static partial void Published(ILogger logger, string deliveryId, string accountId, string remotePostId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to Facebook account {AccountId} ended {Outcome}: {Reason}")]
    public static partial void NotPublished(ILogger logger, string deliveryId, string accountId, string outcome, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Could not read back the permalink of Facebook post {RemotePostId} of delivery {DeliveryId}; using a constructed one")]
    public static partial void PermalinkUnread(ILogger logger, string deliveryId, string remotePostId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Uploaded unpublished photo {Index} of delivery {DeliveryId} as {PhotoId}")]
    public static partial void PhotoUploaded(ILogger logger, string deliveryId, int index, string photoId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Facebook Login found {Pages} Pages and {InstagramAccounts} linked Instagram accounts")]
    public static partial void PagesListed(ILogger logger, int pages, int instagramAccounts);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Removing Facebook post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void Removal(ILogger logger, string accountId, string remotePostId, string outcome);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Information, Message = "Editing Facebook post {RemotePostId} of account {AccountId} in place ended {Outcome}")]
    public static partial void Edit(ILogger logger, string accountId, string remotePostId, string outcome);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Facebook no longer knows the insights metric {Metric} (retired or renamed); skipped from now on, first seen on account {AccountId}")]
    public static partial void MetricSkipped(ILogger logger, string accountId, string metric);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Debug, Message = "Reading the metrics of Facebook post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void MetricsRead(ILogger logger, string accountId, string remotePostId, string outcome);
}
