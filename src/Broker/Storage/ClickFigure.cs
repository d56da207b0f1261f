namespace Broker.Storage;

/// <summary>
/// One local day's share-link figures (<see cref="LocalDays"/>) at one of three levels: one ASN's links within one OPD
/// (<see cref="Opd"/> and <see cref="Nip"/> set), one OPD's (<see cref="Nip"/> empty), or the whole day's (both empty).
/// Each has the clicks, the visitors distinct within that day at that level (a visitor of two ASN's links in one OPD
/// counts once in the OPD's row), and the share links made that day. What the amplification report sums over whole days
/// instead of reading every click. A day whose clicks were purged (<see cref="Sharing.ClickDay"/>) counts its visitors
/// per link, summed: the best that is left of them.
/// </summary>
public sealed record ClickFigure(DateOnly Day, string Opd, string Nip, int Clicks, int Visitors, int Links)
{
    /// <summary>The <see cref="Opd"/> and <see cref="Nip"/> of a level that covers every OPD or every ASN.</summary>
    public const string All = "";

    public bool IsAsn => Nip.Length > 0;

    public bool IsOpd => Nip.Length == 0 && Opd.Length > 0;

    public bool IsDay => Nip.Length == 0 && Opd.Length == 0;

    /// <summary>Two figures of one level together (over two days, or two ranges of one day); the first's day stays.</summary>
    public ClickFigure Plus(ClickFigure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Clicks = Clicks + other.Clicks, Visitors = Visitors + other.Visitors, Links = Links + other.Links };
    }
}
