using Broker.Adapters;
using Broker.Channels;
using Broker.Dispatch;
using Broker.Events;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Engagement;

/// <summary>
/// Plans the metrics readings of each published post: on <c>delivery.published</c> (from the outbox, so a publish
/// committed just before a crash is still planned after the restart), one reading per configured age. Readings are
/// keyed by delivery and age, so an event seen twice plans them once.
/// </summary>
public sealed partial class EngagementPlanner(
    IDeliveryStore deliveries,
    IEngagementStore store,
    AdapterRegistry adapters,
    IOptions<EngagementOptions> options,
    TimeProvider time,
    ILogger<EngagementPlanner> logger) : IEventConsumer
{
    public string Name => "engagement";

    public async Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var settings = options.Value;
        if (!settings.Enabled || domainEvent.Type != EventTypes.DeliveryPublished)
        {
            return;
        }

        if (await deliveries.GetAsync(domainEvent.ObjectId, cancellationToken) is not { RemotePostId: { } postId, PublishedAt: { } published } delivery
            || adapters.Find(delivery.Platform) is not IPostMetricsReader)
        {
            return;
        }

        var oldest = time.GetUtcNow() - settings.CatchUpWindow;
        var reads = settings.Ages
            .Where(age => published + age >= oldest)
            .Select(age => new MetricsRead
            {
                Id = MetricsRead.IdOf(delivery.Id, age),
                DeliveryId = delivery.Id,
                ItemId = delivery.ItemId,
                AccountId = delivery.AccountId,
                Platform = delivery.Platform,
                RemotePostId = postId,
                PublishedAt = published,
                AgeMinutes = (int)age.TotalMinutes,
                DueAt = published + age,
                Status = MetricsReadStatus.Due,
            })
            .ToList();
        await store.AddReadsAsync(reads, cancellationToken);
        Log.Planned(logger, delivery.Id, reads.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(4011, LogLevel.Debug, "Planned {Count} metrics readings of delivery {DeliveryId}")]
        public static partial void Planned(ILogger logger, string deliveryId, int count);
    }
}
