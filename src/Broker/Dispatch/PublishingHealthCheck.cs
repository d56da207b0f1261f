using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Dispatch;

/// <summary>/health is degraded while deliveries are stuck in publishing (past the timeout, until the sweep moves them).</summary>
public sealed class PublishingHealthCheck(PublishingSweep sweep) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stuck = (await sweep.FindStuckAsync(cancellationToken)).Count;
        return stuck == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{stuck} deliveries publishing past Delivery:PublishingTimeout", data: new Dictionary<string, object> { ["stuckPublishing"] = stuck });
    }
}
