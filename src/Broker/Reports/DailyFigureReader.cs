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
        var split = await SplitAsync(from, to, cancellationToken);
        if (split.Clean.Count > 0)
        {
            foreach (var figure in (await store.ListAsync(split.First, split.Last, cancellationToken)).Where(f => split.Clean.Contains(f.Day)))
            {
                Add(sums, figure);
            }
        }

        foreach (var (rawFrom, rawTo) in split.Raw)
        {
            var firstDue = await store.ListFirstDueAsync(rawFrom, rawTo, null, cancellationToken);
            var published = await store.ListPublishedAsync(rawFrom, rawTo, cancellationToken);
            foreach (var figure in DailyTally.Of(default, firstDue, published))
            {
                Add(sums, figure);
            }
        }

        return sums;
    }

    /// <summary>
    /// The failed and held deliveries first due in the period (<see cref="DailyProblem"/>): of its clean whole days the
    /// rows kept with their figures, of the rest those read from the raw rows (by the problems' own index).
    /// </summary>
    public async Task<IReadOnlyList<DailyProblem>> ProblemsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var problems = new List<DailyProblem>();
        var split = await SplitAsync(from, to, cancellationToken);
        if (split.Clean.Count > 0)
        {
            problems.AddRange((await store.ListProblemsAsync(split.First, split.Last, cancellationToken)).Where(p => split.Clean.Contains(p.Day)));
        }

        foreach (var (rawFrom, rawTo) in split.Raw)
        {
            var raw = await store.ListFirstDueAsync(rawFrom, rawTo, DailyProblem.Statuses, cancellationToken);
            problems.AddRange(raw.GroupBy(d => days.DayOf(d.ScheduledAt)).SelectMany(g => DailyProblem.Of(g.Key, g)));
        }

        return problems;
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

    /// <summary>
    /// The period's whole days [<see cref="Split.First"/>, <see cref="Split.Last"/>) that are clean, and the ranges read from
    /// the raw rows instead: a partial first or last day, and each run of days dirty or never computed.
    /// </summary>
    private async Task<Split> SplitAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var raw = new List<(DateTimeOffset From, DateTimeOffset To)>();
        void Raw(DateTimeOffset rawFrom, DateTimeOffset rawTo)
        {
            if (rawFrom < rawTo)
            {
                raw.Add((rawFrom, rawTo));
            }
        }

        var first = days.DayOf(from);
        if (days.StartOf(first) < from)
        {
            first = first.AddDays(1);
        }

        var last = days.DayOf(to); // the whole days end where it starts
        if (from >= to || first >= last)
        {
            Raw(from, to);
            return new Split(first, first, new HashSet<DateOnly>(), raw);
        }

        Raw(from, days.StartOf(first));
        var clean = await store.ListCleanDaysAsync(first, last, cancellationToken);
        DateOnly? run = null;
        for (var day = first; day < last; day = day.AddDays(1))
        {
            if (!clean.Contains(day))
            {
                run ??= day;
            }
            else if (run is { } start)
            {
                Raw(days.StartOf(start), days.StartOf(day));
                run = null;
            }
        }

        if (run is { } open)
        {
            Raw(days.StartOf(open), days.StartOf(last));
        }

        Raw(days.StartOf(last), to);
        return new Split(first, last, clean, raw);
    }

    private sealed record Split(DateOnly First, DateOnly Last, IReadOnlySet<DateOnly> Clean, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Raw);

    private static void Add(Dictionary<string, DailyFigure> sums, DailyFigure figure) =>
        sums[figure.AccountId] = sums.TryGetValue(figure.AccountId, out var sum) ? DailyTally.Add(sum, figure) : figure;
}
