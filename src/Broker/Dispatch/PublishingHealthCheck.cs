using Broker.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// Degraded while deliveries are stuck in publishing (past the timeout, until the sweep moves them); unhealthy, so not
/// ready, once more than <see cref="HealthOptions.MaxStuckPublishing"/> are.
/// </summary>
public sealed class PublishingHealthCheck(PublishingSweep sweep, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stuck = (await sweep.FindStuckAsync(cancellationToken)).Count;
        if (stuck == 0)
        {
            return HealthCheckResult.Healthy();
        }

        var data = new Dictionary<string, object> { ["stuckPublishing"] = stuck };
        var description = $"{stuck} deliveries publishing past Delivery:PublishingTimeout";
        return stuck > options.Value.MaxStuckPublishing
            ? HealthCheckResult.Unhealthy(description + $", more than Health:MaxStuckPublishing ({options.Value.MaxStuckPublishing})", data: data)
            : HealthCheckResult.Degraded(description, data: data);
    }
}
