using Broker.Cluster;
using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// Several nodes: the one durable job of the clustered wake-ups. Each trigger stands for a moment
/// (<see cref="ClusteredDeliveryScheduler"/>) and fires on exactly one node, whose dispatch loop then takes whatever is
/// due (<see cref="DueDeliveries"/>). The job only wakes the loop, so it holds no Quartz thread while deliveries go out.
/// </summary>
internal sealed class DueDeliveriesJob(DueDeliveries due) : IJob
{
    public static readonly JobKey Key = new("dispatch-due", "broker");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        due.Wake();
        return ValueTask.CompletedTask;
    }
}
