using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Storage;

/// <summary>Unhealthy once an fsync has failed (<see cref="FailStop"/>): the broker then writes nothing and is stopping.</summary>
internal sealed class FailStopHealthCheck(FailStop failStop) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(failStop.Reason is { } reason ? HealthCheckResult.Unhealthy(reason) : HealthCheckResult.Healthy());
}
