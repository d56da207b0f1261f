using Broker.Storage.LiteDb;
using Broker.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// Ready only while the intent journal can be written and forced to disk: a recent real write proves it, else a probe
/// line that recovery ignores (<see cref="LiteDb.IntentJournal.ProbeLine"/>). A store without the journal (its intents are rows)
/// has nothing to check here.
/// </summary>
internal sealed partial class JournalHealthCheck(IServiceProvider services, IOptions<HealthOptions> options, ILogger<JournalHealthCheck> logger) : IHealthCheck
{
    private readonly ProbeThrottle throttle = new();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        services.GetService<IntentJournal>() is { } journal
            ? throttle.RunAsync(options.Value.ProbeInterval, () => ProbeAsync(journal)).WaitAsync(cancellationToken)
            : Task.FromResult(HealthCheckResult.Healthy("No intent journal with this storage provider."));

    private async Task<HealthCheckResult> ProbeAsync(IntentJournal journal)
    {
        try
        {
            await journal.ProbeAsync(options.Value.ProbeInterval, CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure means no delivery could be journaled, so none would reach its platform.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogProbeFailed(logger, ex);
            return HealthCheckResult.Unhealthy($"The intent journal could not be written ({ex.GetType().Name}).");
        }
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "The readiness probe's write to the intent journal failed")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception);
}
