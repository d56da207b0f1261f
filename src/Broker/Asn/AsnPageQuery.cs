namespace Broker.Asn;

/// <summary>
/// One page of the ASN directory in NIP order, after <see cref="After"/> (a keyset cursor, so a page costs the same at
/// row 90,000 as at row 1): of one OPD or all, and whose NIP starts with <see cref="Search"/> (digits) or whose name
/// does (any other text, case ignored).
/// </summary>
public sealed record AsnPageQuery(string? Opd, string? Search, string? After, int Limit)
{
    public const int MaxLimit = 5000;

    public bool SearchesNip => Search is { Length: > 0 } s && s.All(char.IsAsciiDigit);

    /// <summary>The NIPs a NIP prefix covers, as an inclusive range (a NIP is exactly 18 digits).</summary>
    public (string From, string To) NipRange => (Search!.PadRight(18, '0'), Search!.PadRight(18, '9'));

    public string NamePrefix => Search!.Trim().ToLowerInvariant();
}
