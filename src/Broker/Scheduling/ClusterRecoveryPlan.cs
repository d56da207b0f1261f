using Broker.Cluster;
using Broker.Dispatch;

namespace Broker.Scheduling;

/// <summary>
/// PostgreSQL, several nodes: the triggers live in Quartz's tables and outlive any node, so a start schedules only the
/// pending deliveries that have none (an approval or a retry whose commit landed and whose trigger did not, in a crash
/// between the two, or one due before the start): a query for the keys instead of re-storing every trigger on every start
/// of every node, and one trigger per moment (<see cref="ClusteredDeliveryScheduler"/>), not per delivery. A
/// delivery another live node is publishing is that node's; one claimed by this node's id (a restart under a fixed
/// <see cref="ClusterOptions.NodeId"/>) or by a dead node is reconciled. The claim row is the intent record, so there is
/// no journal to read.
/// </summary>
internal sealed class ClusterRecoveryPlan(ClusteredDeliveryScheduler scheduler, ClusterNodes nodes, BrokerNode node) : IRecoveryPlan
{
    private IReadOnlySet<string>? live;

    public DateTimeOffset Open(DateTimeOffset now) => DateTimeOffset.MaxValue;

    public IReadOnlySet<string> ReadIntents() => new HashSet<string>();

    public async Task<bool> IsClaimedByLiveNodeAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        if (delivery.ClaimedBy is not { } claimant || claimant == node.Id)
        {
            return false;
        }

        live ??= await nodes.LiveAsync(cancellationToken);
        return live.Contains(claimant);
    }

    public Task<IReadOnlyCollection<DueDelivery>> LackingWakeUpAsync(IReadOnlyCollection<DueDelivery> due, CancellationToken cancellationToken) =>
        scheduler.LackingAsync(due, cancellationToken);

    public void Settle(IReadOnlyCollection<string> unfinished)
    {
    }
}
