using System.Globalization;

namespace Broker.Audit;

/// <summary>
/// Where a page of the audit trail ends: the last entry's time and id (entries are ordered by both, so entries made in
/// the same millisecond are neither skipped nor repeated). Written as <c>{ticks}-{id}</c> in a page's address.
/// </summary>
public sealed record AuditCursor(DateTimeOffset At, string Id)
{
    public static AuditCursor Of(AuditEntry entry) => new(entry.At, entry.Id);

    public static bool TryParse(string? text, out AuditCursor? cursor)
    {
        cursor = null;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0 || dash == text!.Length - 1
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new AuditCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(dash + 1)..]);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}-{Id}");

    /// <summary>
    /// The page from entries in (time) order, <paramref name="newestFirst"/> or oldest first, with no entry at or before
    /// the cursor: entries of one time are put in id order, so the page ends where the cursor says.
    /// </summary>
    public static IReadOnlyList<AuditEntry> Page(IEnumerable<AuditEntry> ordered, AuditCursor? cursor, bool newestFirst, int limit)
    {
        var page = new List<AuditEntry>();
        var sameTime = new List<AuditEntry>();
        foreach (var entry in ordered)
        {
            if (sameTime.Count > 0 && entry.At != sameTime[0].At && Flush())
            {
                return page;
            }

            sameTime.Add(entry);
        }

        Flush();
        return page;

        bool Flush()
        {
            sameTime.Sort((a, b) => newestFirst ? string.CompareOrdinal(b.Id, a.Id) : string.CompareOrdinal(a.Id, b.Id));
            foreach (var entry in sameTime)
            {
                var seen = cursor is not null && entry.At == cursor.At
                    && (newestFirst ? string.CompareOrdinal(entry.Id, cursor.Id) >= 0 : string.CompareOrdinal(entry.Id, cursor.Id) <= 0);
                if (!seen)
                {
                    page.Add(entry);
                }

                if (page.Count == limit)
                {
                    return true;
                }
            }

            sameTime.Clear();
            return false;
        }
    }
}
