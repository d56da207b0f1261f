using Broker.Hosting;
using Broker.Reports;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Privacy;

/// <summary>
/// Purges clicks, and with them the visitor hashes (personal data: made from the visitor's address and a salt the broker
/// keeps), once they pass <see cref="PrivacyOptions.ClickRetention"/>, every <see cref="PrivacyOptions.PurgeInterval"/>.
/// Whole days only, in the installation's time zone, oldest first: each link's clicks of a day become one
/// <see cref="Sharing.ClickDay"/> in the same transaction that deletes them, so the reports' counts never change. A
/// day's distinct visitors are exact; over several purged days, a visitor who came on two days counts twice.
/// </summary>
internal sealed partial class ClickRetention(IClickStore clicks, ReportQueries days, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<ClickRetention> logger)
    : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string Purpose => "The purge of clicks past their retention";

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges every whole day that has passed the retention now; returns how many clicks it purged.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var before = days.StartOf(days.DayOf(Time.GetUtcNow() - options.Value.ClickRetention));
        var purged = 0;
        while (await clicks.OldestAsync(cancellationToken) is { } oldest && oldest < before)
        {
            var day = days.DayOf(oldest);
            var inDay = 0;
            int taken;
            while ((taken = await clicks.RollUpAsync(day, days.StartOf(day), days.StartOf(day.AddDays(1)), options.Value.PurgeBatchLinks, cancellationToken)) > 0)
            {
                inDay += taken;
            }

            if (inDay == 0)
            {
                break; // the oldest click is not in its own day: nothing this round can do, and looping would never end
            }

            Log.DayPurged(Logger, inDay, day);
            purged += inDay;
        }

        return purged;
    }

    private static partial class Log
    {
        [LoggerMessage(5101, LogLevel.Information, "Purged the {Count} clicks of {Day}, past their retention; their daily counts stay")]
        public static partial void DayPurged(ILogger logger, int count, DateOnly day);
    }
}
