using Broker.Storage;

namespace Broker.Reports;

/// <summary>
/// Sums the daily figures per account over a period: its whole days that are clean from the stored figures, and the rest
/// (a partial first or last day, a day dirty or never computed) from the raw rows of that range, counted by the same rule
/// (<see cref="DailyTally"/>). The cost grows with the period's days, never with the years stored.
/// </summary>
public sealed class DailyFigureReader(IDailyFigureStore store, LocalDays days)
{
    /// <summary>The days before a moment that the last post is looked for as a period is read, before the older figures.</summary>
    public const int RecentDays = 31;

    public async Task<IReadOnlyDictionary<string, DailyFigure>> SumAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, DailyFigure>(StringComparer.Ordinal);
        if (from >= to)
        {
            return sums;
        }

        var first = days.DayOf(from);
        if (days.StartOf(first) < from)
        {
            first = first.AddDays(1);
        }

        var last = days.DayOf(to); // the whole days end where it starts
        if (first >= last)
        {
            await AddRawAsync(sums, from, to, cancellationToken);
            return sums;
        }

        await AddRawAsync(sums, from, days.StartOf(first), cancellationToken);
        var clean = await store.ListCleanDaysAsync(first, last, cancellationToken);
        foreach (var figure in (await store.ListAsync(first, last, cancellationToken)).Where(f => clean.Contains(f.Day)))
        {
            Add(sums, figure);
        }

        DateOnly? run = null;
        for (var day = first; day < last; day = day.AddDays(1))
        {
            if (!clean.Contains(day))
            {
                run ??= day;
            }
            else if (run is { } start)
            {
                await AddRawAsync(sums, days.StartOf(start), days.StartOf(day), cancellationToken);
                run = null;
            }
        }

        if (run is { } open)
        {
            await AddRawAsync(sums, days.StartOf(open), days.StartOf(last), cancellationToken);
        }

        await AddRawAsync(sums, days.StartOf(last), to, cancellationToken);
        return sums;
    }

    /// <summary>
    /// Per account: the last post before <paramref name="before"/>: over the last <see cref="RecentDays"/> days as
    /// <see cref="SumAsync"/> reads them (a dirty day from its raw rows), before them from the stored figures.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastPostsAsync(
        IReadOnlyCollection<string> accountIds, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var day = days.DayOf(before).AddDays(-RecentDays);
        var recent = await SumAsync(days.StartOf(day), before, cancellationToken);
        var older = await store.LastPostsBeforeAsync(accountIds, day, cancellationToken);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var id in accountIds)
        {
            if (DailyTally.Later(recent.GetValueOrDefault(id)?.LastPostAt, older.TryGetValue(id, out var at) ? at : null) is { } latest)
            {
                last[id] = latest;
            }
        }

        return last;
    }

    private async Task AddRawAsync(Dictionary<string, DailyFigure> sums, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (from >= to)
        {
            return;
        }

        var firstDue = await store.ListFirstDueAsync(from, to, null, cancellationToken);
        var published = await store.ListPublishedAsync(from, to, cancellationToken);
        foreach (var figure in DailyTally.Of(default, firstDue, published))
        {
            Add(sums, figure);
        }
    }

    private static void Add(Dictionary<string, DailyFigure> sums, DailyFigure figure) =>
        sums[figure.AccountId] = sums.TryGetValue(figure.AccountId, out var sum) ? DailyTally.Add(sum, figure) : figure;
}
