namespace Broker.Storage;

/// <summary>
/// The amplification report's daily figures (<see cref="ClickFigure"/>). A local day is computed once, after it has ended
/// and the clicks stamped in it have been written (<see cref="Reports.ClickFigureDays"/>), and stored whole in one write;
/// figures never change after. A day not stored is read from its raw clicks and purged days' counts.
/// </summary>
public interface IClickFigureStore
{
    /// <summary>
    /// Stores the day's figures and records the day as stored, in one transaction, unless the day is stored already
    /// (another round or node came first): then writes nothing and answers false.
    /// </summary>
    Task<bool> AddAsync(DateOnly day, IReadOnlyCollection<ClickFigure> figures, CancellationToken cancellationToken);

    /// <summary>The days in [<paramref name="from"/>, <paramref name="to"/>) that are stored.</summary>
    Task<IReadOnlySet<DateOnly>> ListDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// The figures of <paramref name="days"/> summed per level (OPD and NIP), each with the default day; only the OPD's
    /// rows for <paramref name="opd"/> (no day totals then), every row for null. A day not stored adds nothing.
    /// </summary>
    Task<IReadOnlyList<ClickFigure>> SumAsync(IReadOnlyCollection<DateOnly> days, string? opd, CancellationToken cancellationToken);

    /// <summary>When the first share link was made (null: none yet): no click is older, so the backfill stops there.</summary>
    Task<DateTimeOffset?> FirstLinkAsync(CancellationToken cancellationToken);
}
