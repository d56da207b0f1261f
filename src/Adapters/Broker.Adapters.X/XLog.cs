using Microsoft.Extensions.Logging;

namespace Broker.Adapters.X;

internal static partial class XLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Published delivery {DeliveryId} to X account {AccountId} as {RemotePostId}")]
    public static partial void Published(ILogger logger, string deliveryId, string accountId, string remotePostId);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to X account {AccountId} ended {Outcome}: {Reason}")]
    public static partial void NotPublished(ILogger logger, string deliveryId, string accountId, string outcome, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Uploaded photo {Index} of delivery {DeliveryId} to X as media {MediaId} ({Method})")]
    public static partial void MediaUploaded(ILogger logger, string deliveryId, int index, string mediaId, string method);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Reusing X media {MediaId} uploaded earlier for photo {Index} of delivery {DeliveryId}")]
    public static partial void MediaReused(ILogger logger, string deliveryId, int index, string mediaId);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "Refreshed the OAuth 2.0 token of X account {AccountId}; the new one expires at {ExpiresAt}")]
    public static partial void TokenRefreshed(ILogger logger, string accountId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Error, Message = "Could not store the refreshed OAuth 2.0 token of X account {AccountId}")]
    public static partial void TokenNotStored(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Information, Message = "Reconciliation of delivery {DeliveryId} found X post {RemotePostId} on account {AccountId}")]
    public static partial void FoundPublished(ILogger logger, string deliveryId, string accountId, string remotePostId);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Information, Message = "Reconciliation of delivery {DeliveryId} found no matching X post among {Count} recent posts of account {AccountId}")]
    public static partial void NotFound(ILogger logger, string deliveryId, string accountId, int count);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Information, Message = "X OAuth 2.0 connected account {UserId}")]
    public static partial void Connected(ILogger logger, string userId);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Information, Message = "Removing X post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void Removal(ILogger logger, string accountId, string remotePostId, string outcome);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Debug, Message = "Reading the metrics of X post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void MetricsRead(ILogger logger, string accountId, string remotePostId, string outcome);
}
