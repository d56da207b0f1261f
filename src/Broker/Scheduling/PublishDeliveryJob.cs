using Broker.Dispatch;
using Quartz;

namespace Broker.Scheduling;

/// <summary>The one durable job; each delivery is a small trigger of it carrying the delivery id.</summary>
internal sealed class PublishDeliveryJob(DeliveryDispatcher dispatcher) : IJob
{
    public const string DeliveryIdKey = "deliveryId";

    public static readonly JobKey Key = new("publish-delivery", "broker");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = context.Trigger.JobDataMap.GetString(DeliveryIdKey);
        if (id is not null)
        {
            await dispatcher.DispatchAsync(id, cancellationToken);
        }
    }
}
