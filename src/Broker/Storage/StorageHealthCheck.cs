using Broker.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>Ready only while the store takes a real write (<see cref="IStorageProbe"/>), probed at most once per <see cref="HealthOptions.ProbeInterval"/>.</summary>
internal sealed partial class StorageHealthCheck(IStorageProbe probe, IOptions<HealthOptions> options, ILogger<StorageHealthCheck> logger) : IHealthCheck
{
    private readonly ProbeThrottle throttle = new();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        throttle.RunAsync(options.Value.ProbeInterval, ProbeAsync).WaitAsync(cancellationToken);

    private async Task<HealthCheckResult> ProbeAsync()
    {
        try
        {
            // Not the caller's token: the probe's result is shared with the callers that come after.
            await probe.ProbeWriteAsync(CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure means the store does not take writes; the log has the details, the answer only its kind.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogProbeFailed(logger, ex);
            return HealthCheckResult.Unhealthy($"The database did not take a write ({ex.GetType().Name}).");
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "The readiness probe's write to the database failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}
