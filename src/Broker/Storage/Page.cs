namespace Broker.Storage;

/// <summary>One page of a list in (time, id) order, and where the next begins (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Rows, PageCursor? Next)
{
    /// <summary>
    /// The page from <paramref name="read"/> rows, read one past <paramref name="limit"/>: that extra row only tells there
    /// is a next page, which then starts after the page's last row.
    /// </summary>
    public static Page<T> Of<TRow>(IReadOnlyList<TRow> read, int limit, Func<TRow, T> row, Func<TRow, PageCursor> cursor)
    {
        var shown = read.Take(limit).ToList();
        return new Page<T>([.. shown.Select(row)], read.Count > limit ? cursor(shown[^1]) : null);
    }
}
