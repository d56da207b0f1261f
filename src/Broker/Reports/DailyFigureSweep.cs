using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Keeps the daily figures (<see cref="IDailyFigureStore"/>) up to date every <c>Reports:FiguresInterval</c>: computes each
/// dirty day again from its raw rows and stores it whole (a day stays dirty if a newer mark came meanwhile, and a round
/// killed halfway leaves its marks, so the next round does the day again). When nothing is dirty, it marks up to
/// <see cref="BackfillPerRound"/> days never computed, from the latest back to the first delivery's: an old database's
/// history is computed a bounded part per round, and is read from its raw rows until then. Each round then computes the
/// click figures of the days just finished, or of older ones not computed yet (<see cref="ClickFigureDays"/>).
/// </summary>
public sealed partial class DailyFigureSweep(
    IDailyFigureStore store, ClickFigureDays clickDays, LocalDays days, IOptions<ReportsOptions> options, TimeProvider time, ILogger<DailyFigureSweep> logger)
    : PeriodicSweep(time, logger)
{
    /// <summary>Dirty days computed per round.</summary>
    public const int BatchSize = 50;

    /// <summary>Days never computed that one round marks dirty.</summary>
    public const int BackfillPerRound = 60;

    private bool backfilled;

    protected override TimeSpan Interval => options.Value.FiguresInterval;

    protected override string Purpose => "The daily figures' update";

    protected override bool RunsAtStart => true;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var dirty = await store.ListDirtyAsync(BatchSize, cancellationToken);
        var computed = 0;
        foreach (var day in dirty)
        {
            if (await ComputeAsync(store, days, day, options.Value.PublishWithin, cancellationToken))
            {
                computed++;
            }
        }

        if (computed > 0)
        {
            Log.Computed(Logger, computed, dirty.Count);
        }

        if (dirty.Count < BatchSize && !backfilled)
        {
            backfilled = await BackfillAsync(cancellationToken);
        }

        await clickDays.RunAsync(Time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Computes one dirty day from its raw rows and stores it, unless a newer mark came; false then. The two-hour rule's
    /// figures count against <paramref name="publishWithin"/> (<c>Reports:PublishWithin</c>).
    /// </summary>
    public static async Task<bool> ComputeAsync(
        IDailyFigureStore store, LocalDays days, DirtyDay day, TimeSpan publishWithin, CancellationToken cancellationToken)
    {
        var (start, end) = (days.StartOf(day.Day), days.StartOf(day.Day.AddDays(1)));
        var firstDue = await store.ListFirstDueAsync(start, end, null, cancellationToken);
        var published = await store.ListPublishedAsync(start, end, cancellationToken);
        var ended = await store.ListEventEndedAsync(start, end, null, cancellationToken);
        return await store.ReplaceAsync(
            day, DailyTally.Of(day.Day, firstDue, published), EventTally.Of(day.Day, ended, publishWithin), DailyProblem.Of(day.Day, firstDue), cancellationToken);
    }

    /// <summary><see cref="ComputeAsync(IDailyFigureStore, LocalDays, DirtyDay, TimeSpan, CancellationToken)"/> with the shipped time allowed.</summary>
    public static Task<bool> ComputeAsync(IDailyFigureStore store, LocalDays days, DirtyDay day, CancellationToken cancellationToken) =>
        ComputeAsync(store, days, day, new ReportsOptions().PublishWithin, cancellationToken);

    // True once every day from the first delivery's to today is computed.
    private async Task<bool> BackfillAsync(CancellationToken cancellationToken)
    {
        if (await store.EarliestDueAsync(cancellationToken) is not { } earliest)
        {
            return false;
        }

        var (first, today) = (days.DayOf(earliest), days.DayOf(Time.GetUtcNow()));
        var end = today.AddDays(1);
        var clean = await store.ListCleanDaysAsync(first, end, cancellationToken);
        var missing = new List<DateOnly>();
        for (var day = today; day >= first && missing.Count < BackfillPerRound; day = day.AddDays(-1))
        {
            if (!clean.Contains(day))
            {
                missing.Add(day);
            }
        }

        if (missing.Count == 0)
        {
            return true;
        }

        await store.MarkDirtyAsync(missing, cancellationToken);
        Log.Backfilling(Logger, missing.Count, missing[^1]);
        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(7140, LogLevel.Debug, "Computed the figures of {Computed} of {Dirty} dirty days")]
        public static partial void Computed(ILogger logger, int computed, int dirty);

        [LoggerMessage(7141, LogLevel.Information, "Marked {Days} days never computed for the daily figures, back to {Day}")]
        public static partial void Backfilling(ILogger logger, int days, DateOnly day);
    }
}
