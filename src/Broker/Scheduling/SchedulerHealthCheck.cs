using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Broker.Scheduling;

/// <summary>Ready only while Quartz runs: started, not in standby, not shut down (in any other state no trigger fires).</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The scheduler is {status}: no delivery is published.");
    }
}
