using Broker.Sharing;

namespace Broker.Storage;

/// <summary>
/// Counts clicks, purged days' counts and links made into <see cref="ClickFigure"/>s per local day, at the three levels:
/// the one rule the figures' sweep stores a day by and the amplification report counts raw rows by, so a day reads the
/// same from either. Visitors are held per day and level until <see cref="Figures"/> is read, never the clicks.
/// </summary>
public sealed class ClickFigureTally(LocalDays days)
{
    private readonly Dictionary<(DateOnly Day, string Opd, string Nip), Counts> counts = [];

    public void Add(StoredClick click)
    {
        var day = days.DayOf(click.At);
        foreach (var key in Levels(day, click.Link.Opd, click.Link.Nip))
        {
            For(key).Add(click.Visitor);
        }
    }

    /// <summary>Adds one link's purged day: its clicks, and its visitors as distinct from every other link's.</summary>
    public void Add(ClickDay rolledUp)
    {
        ArgumentNullException.ThrowIfNull(rolledUp);
        foreach (var key in Levels(rolledUp.Day, rolledUp.Link.Opd, rolledUp.Link.Nip))
        {
            For(key).Add(rolledUp.Clicks, rolledUp.Visitors);
        }
    }

    /// <summary>Adds a link made, on the day it was made.</summary>
    public void Add(ShareLink made)
    {
        ArgumentNullException.ThrowIfNull(made);
        foreach (var key in Levels(days.DayOf(made.CreatedAt), made.Opd, made.Nip))
        {
            For(key).Links++;
        }
    }

    public IReadOnlyList<ClickFigure> Figures =>
        [.. counts.Select(c => new ClickFigure(c.Key.Day, c.Key.Opd, c.Key.Nip, c.Value.Clicks, c.Value.Visitors, c.Value.Links))];

    private static (DateOnly, string, string)[] Levels(DateOnly day, string opd, string nip) =>
        [(day, opd, nip), (day, opd, ClickFigure.All), (day, ClickFigure.All, ClickFigure.All)];

    private Counts For((DateOnly, string, string) key)
    {
        if (!counts.TryGetValue(key, out var found))
        {
            counts[key] = found = new Counts();
        }

        return found;
    }

    private sealed class Counts
    {
        private readonly HashSet<UInt128> visitors = [];
        private int rolledUpVisitors;

        public int Clicks { get; private set; }

        public int Links { get; set; }

        public int Visitors => visitors.Count + rolledUpVisitors;

        public void Add(UInt128 visitor)
        {
            Clicks++;
            visitors.Add(visitor);
        }

        public void Add(int clicks, int rolledUp)
        {
            Clicks += clicks;
            rolledUpVisitors += rolledUp;
        }
    }
}
