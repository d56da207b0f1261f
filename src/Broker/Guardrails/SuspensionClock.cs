using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Guardrails;

/// <summary>
/// Resumes suspensions whose automatic resume time has come, every <see cref="GuardrailsOptions.ResumeCheckInterval"/>
/// on each node; of nodes racing, the compare-and-set lets one resume it.
/// </summary>
internal sealed partial class SuspensionClock(
    ISuspensionStore store,
    SuspensionService suspensions,
    IOptions<GuardrailsOptions> options,
    TimeProvider time,
    ILogger<SuspensionClock> logger) : BackgroundService
{
    /// <summary>Resumes every suspension due to resume by now; returns how many this call resumed.</summary>
    public async Task<int> ResumeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var resumed = 0;
        foreach (var due in (await store.ListAsync(cancellationToken)).Where(s => s.ResumedAt is null && s.ResumeAt <= now))
        {
            var (result, _) = await suspensions.ResumeAsync(due.Id, Auditor.System, cancellationToken, due.SuspensionId);
            resumed += result.Succeeded ? 1 : 0;
        }

        return resumed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // One timer at a time, not a periodic one: a clock moved ahead by months wakes this once, not once per interval.
            while (true)
            {
                await Task.Delay(options.Value.ResumeCheckInterval, time, stoppingToken);
                try
                {
                    await ResumeDueAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The next tick tries again; the clock must outlive one failed read or write.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.ResumeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(8401, LogLevel.Error, "Looking for suspensions to resume failed; the next tick tries again")]
        public static partial void ResumeFailed(ILogger logger, Exception exception);
    }
}
