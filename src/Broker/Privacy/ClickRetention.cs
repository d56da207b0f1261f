using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Privacy;

/// <summary>
/// Purges visitor hashes older than <see cref="PrivacyOptions.ClickRetention"/> every <see cref="PrivacyOptions.PurgeInterval"/>.
/// A visitor hash is personal data (it is made from the visitor's address and a salt the broker keeps); each purge
/// replaces the hashes it reaches with pseudonyms under a random key it then forgets, so no address can be matched to
/// them again while the reports' counts stay: every click still counts, and clicks by one visitor within one purge still
/// count as one unique visitor (over periods older than the retention, unique counts become the sum of each purge's).
/// </summary>
internal sealed partial class ClickRetention(IClickStore clicks, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<ClickRetention> logger) : BackgroundService
{
    /// <summary>Purges what has passed the retention now; returns how many clicks it reached.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var purged = await clicks.ForgetVisitorsBeforeAsync(time.GetUtcNow() - options.Value.ClickRetention, cancellationToken);
        if (purged > 0)
        {
            Log.Purged(logger, purged, options.Value.ClickRetention);
        }

        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // One timer at a time, not a periodic one: a clock moved ahead by months wakes this once, not once per interval.
            while (true)
            {
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken);
                try
                {
                    await PurgeAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The next tick tries again.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.PurgeFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Purged the visitor hashes of {Count} clicks older than {Retention}")]
        public static partial void Purged(ILogger logger, int count, TimeSpan retention);

        [LoggerMessage(2, LogLevel.Error, "Purging old visitor hashes failed; the next tick tries again")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
