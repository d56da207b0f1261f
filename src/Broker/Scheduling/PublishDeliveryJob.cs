using Broker.Dispatch;
using Quartz;

namespace Broker.Scheduling;

/// <summary>The one durable job; each delivery is a small trigger of it, named after the delivery.</summary>
internal sealed class PublishDeliveryJob(DeliveryDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("publish-delivery", "broker");

    // A firing that a dead node left unfinished is recovered on another node (the job requests recovery) under a trigger
    // of Quartz's own: the delivery is named by the trigger that fired first.
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DispatchAsync(context.Recovering && context.RecoveringTriggerKey is { } first ? first.Name : context.Trigger.Key.Name, cancellationToken);
}
