using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Reports;

/// <summary>
/// Computes the amplification report's daily figures (<see cref="IClickFigureStore"/>), a step of each round of
/// <see cref="DailyFigureSweep"/>: every local day that ended at least <c>Reports:ClickFiguresAfter</c> ago and is not
/// stored yet, the latest first and at most <see cref="PerRound"/> a round, back to the first share link's day (an old
/// database's history is backfilled a bounded part per round, and read from its raw clicks until then). Once every day is
/// stored, a round looks at the last <see cref="RecentDays"/> only. A day is computed once and stored in one write: a
/// round killed halfway leaves the day unstored, and computed again by the next.
/// </summary>
public sealed partial class ClickFigureDays(
    IClickFigureStore figures, IClickStore clicks, IShareLinkStore links, LocalDays days, IOptions<ReportsOptions> options, ILogger<ClickFigureDays> logger)
{
    /// <summary>Days computed per round.</summary>
    public const int PerRound = 30;

    /// <summary>The days looked at once the backfill is done (a node stopped for longer backfills again at its start).</summary>
    public const int RecentDays = 7;

    // A roll-up of the day running meanwhile moves clicks from raw to their day: the reads are made again, this many times.
    private const int Attempts = 3;

    private bool backfilled;

    /// <summary>The last day finished at <paramref name="now"/>: ended at least <c>Reports:ClickFiguresAfter</c> before.</summary>
    public DateOnly LastFinished(DateTimeOffset now) => days.DayOf(now - options.Value.ClickFiguresAfter).AddDays(-1);

    /// <summary>Computes up to <see cref="PerRound"/> finished days not stored yet; returns how many it stored.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await figures.FirstLinkAsync(cancellationToken) is not { } firstLink)
        {
            return 0;
        }

        var last = LastFinished(now);
        var first = days.DayOf(firstLink);
        if (backfilled && last.AddDays(-RecentDays) > first)
        {
            first = last.AddDays(-RecentDays);
        }

        if (first > last)
        {
            return 0;
        }

        var stored = await figures.ListDaysAsync(first, last.AddDays(1), cancellationToken);
        var missing = new List<DateOnly>();
        for (var day = last; day >= first && missing.Count < PerRound; day = day.AddDays(-1))
        {
            if (!stored.Contains(day))
            {
                missing.Add(day);
            }
        }

        var computed = 0;
        foreach (var day in missing)
        {
            computed += await ComputeAsync(figures, clicks, links, days, day, cancellationToken) ? 1 : 0;
        }

        if (computed > 0)
        {
            Log.Computed(logger, computed, missing[^1]);
        }

        backfilled = backfilled || missing.Count == 0;
        return computed;
    }

    /// <summary>
    /// Computes one day from its raw clicks, its purged days' counts and the links made in it (<see cref="ClickFigureTally"/>)
    /// and stores it; false when it was stored already, or a purge of the day kept moving its clicks while it was read.
    /// </summary>
    public static async Task<bool> ComputeAsync(
        IClickFigureStore figures, IClickStore clicks, IShareLinkStore links, LocalDays days, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(links);
        var (start, end) = (days.StartOf(day), days.StartOf(day.AddDays(1)));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // The purged days' counts before and after the raw read: a purge in between would count its clicks twice or
            // not at all, and it always adds clicks to the day's counts.
            var before = await clicks.DaysBetweenAsync(day, day.AddDays(1), cancellationToken);
            var tally = new ClickFigureTally(days);
            foreach (var click in clicks.ReadBetween(start, end))
            {
                tally.Add(click);
            }

            var after = await clicks.DaysBetweenAsync(day, day.AddDays(1), cancellationToken);
            if (before.Sum(d => d.Clicks) != after.Sum(d => d.Clicks))
            {
                continue;
            }

            foreach (var rolledUp in after)
            {
                tally.Add(rolledUp);
            }

            foreach (var made in await links.ListAsync(start, end, cancellationToken))
            {
                tally.Add(made);
            }

            return await figures.AddAsync(day, tally.Figures, cancellationToken);
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(7150, LogLevel.Information, "Computed the click figures of {Days} days, back to {Day}")]
        public static partial void Computed(ILogger logger, int days, DateOnly day);
    }
}
