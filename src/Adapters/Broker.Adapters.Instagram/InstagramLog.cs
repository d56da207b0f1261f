using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

internal static partial class InstagramLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Published delivery {DeliveryId} to Instagram account {AccountId} as {RemotePostId}")]
    public static partial void Published(ILogger logger, string deliveryId, string accountId, string remotePostId);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to Instagram account {AccountId} ended {Outcome}: {Reason}")]
    public static partial void NotPublished(ILogger logger, string deliveryId, string accountId, string outcome, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Created Instagram container {ContainerId} ({Role}) for delivery {DeliveryId}")]
    public static partial void ContainerCreated(ILogger logger, string deliveryId, string role, string containerId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Debug, Message = "Instagram container {ContainerId} of delivery {DeliveryId} is {StatusCode} (read {Poll})")]
    public static partial void ContainerStatus(ILogger logger, string deliveryId, string containerId, string statusCode, int poll);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Could not read Instagram's publishing quota for delivery {DeliveryId}; publishing anyway")]
    public static partial void QuotaUnread(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Refreshed the Instagram token of account {AccountId}; the new one expires at {ExpiresAt}")]
    public static partial void TokenRefreshed(ILogger logger, string accountId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "Could not refresh the Instagram token of account {AccountId}: {Reason}")]
    public static partial void TokenNotRefreshed(ILogger logger, string accountId, string reason);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "Could not store the refreshed Instagram token of account {AccountId}; keeping the old one")]
    public static partial void TokenNotStored(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information, Message = "Instagram Login connected account {UserId} (@{Username})")]
    public static partial void Connected(ILogger logger, string userId, string username);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Information, Message = "Removing Instagram post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void Removal(ILogger logger, string accountId, string remotePostId, string outcome);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Instagram no longer knows the insights metric {Metric} (retired or renamed); skipped from now on, first seen on account {AccountId}")]
    public static partial void MetricSkipped(ILogger logger, string accountId, string metric);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Debug, Message = "Reading the metrics of Instagram media {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void MetricsRead(ILogger logger, string accountId, string remotePostId, string outcome);
}
