using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// Ready only while Quartz runs and can reach its job store: started, not in standby, not shut down (in any other state no
/// trigger fires), and, on the clustered store, this node's check-in readable from the store and not so late that the
/// other nodes take over its triggers. The in-memory store has nothing to reach and answers the listing itself. Quartz's
/// hosted service starts the scheduler once the host has started, so a node is not ready for the first moment either.
/// </summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        if (status != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy($"The scheduler is {status}: no delivery is published.");
        }

        IReadOnlyList<ClusterNode> nodes;
        try
        {
            nodes = [.. await scheduler.QueryClusterNodes(cancellationToken)];
        }
        catch (Exception ex) when (ex is SchedulerException or System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"The scheduler's job store cannot be reached ({ex.Message}): no delivery is published.", ex);
        }

        return nodes.FirstOrDefault(n => n.IsCurrentNode) switch
        {
            { State: ClusterNodeState.Failed } self => HealthCheckResult.Unhealthy(
                $"This node last checked in to the scheduler's cluster at {self.LastCheckInUtc:u}: the other nodes take it for dead and take over its triggers."),
            { State: ClusterNodeState.Overdue } self => HealthCheckResult.Degraded(
                $"This node's check-in to the scheduler's cluster is late (last at {self.LastCheckInUtc:u})."),
            _ => HealthCheckResult.Healthy(),
        };
    }
}
