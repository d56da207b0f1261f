using Broker.Dispatch;
using Quartz;

namespace Broker.Scheduling;

/// <summary>The one durable job; each delivery is a small trigger of it, named after the delivery.</summary>
internal sealed class PublishDeliveryJob(DeliveryDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("publish-delivery", "broker");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchAsync(context.Trigger.Key.Name, cancellationToken);
}
