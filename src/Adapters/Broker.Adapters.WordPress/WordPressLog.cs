using Microsoft.Extensions.Logging;

namespace Broker.Adapters.WordPress;

internal static partial class WordPressLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Published delivery {DeliveryId} to WordPress account {AccountId} as post {RemotePostId}")]
    public static partial void Published(ILogger logger, string deliveryId, string accountId, string remotePostId);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to WordPress account {AccountId} ended {Outcome}: {Reason}")]
    public static partial void NotPublished(ILogger logger, string deliveryId, string accountId, string outcome, string reason);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Uploaded photo {Index} of delivery {DeliveryId} to WordPress as media {MediaId}")]
    public static partial void MediaUploaded(ILogger logger, string deliveryId, int index, string mediaId);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Reconciliation of delivery {DeliveryId} on WordPress account {AccountId} by slug {Slug}: {Found}")]
    public static partial void Reconciled(ILogger logger, string deliveryId, string accountId, string slug, string found);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Information, Message = "Removing WordPress post {RemotePostId} of account {AccountId} ended {Outcome}")]
    public static partial void Removal(ILogger logger, string accountId, string remotePostId, string outcome);
}
