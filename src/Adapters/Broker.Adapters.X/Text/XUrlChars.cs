using System.Buffers;

namespace Broker.Adapters.X.Text;

/// <summary>
/// The character classes of twitter-text's URL pattern, as .NET's case-insensitive, culture-invariant matching reads
/// them: an ASCII letter class also takes the upper case and the Kelvin sign (U+212A), and the Latin accents take the
/// upper or lower case partners that lie outside their ranges (U+2C65, U+212B Å, …).
/// </summary>
internal static class XUrlChars
{
    private const char Kelvin = '\u212A';

    /// <summary>Latin letters with accents, and their case partners outside these ranges.</summary>
    private static readonly (char From, char To)[] LatinAccents =
    [
        ('\u00C0', '\u00D6'), ('\u00D8', '\u00F6'), ('\u00F8', '\u024F'), ('\u0253', '\u0254'), ('\u0256', '\u0257'),
        ('\u0259', '\u0259'), ('\u025B', '\u025B'), ('\u0263', '\u0263'), ('\u0268', '\u0268'), ('\u026F', '\u026F'),
        ('\u0272', '\u0272'), ('\u0289', '\u0289'), ('\u028B', '\u028B'), ('\u02BB', '\u02BB'), ('\u0300', '\u036F'),
        ('\u1E00', '\u1EFF'),
        ('\u0260', '\u0260'), ('\u0269', '\u0269'), ('\u0275', '\u0275'), ('\u0280', '\u0280'), ('\u0283', '\u0283'),
        ('\u0288', '\u0288'), ('\u028A', '\u028A'), ('\u028C', '\u028C'), ('\u0292', '\u0292'), ('\u212B', '\u212B'),
        ('\u2C65', '\u2C66'), ('\u2C7E', '\u2C7F'), ('\uA7DC', '\uA7DC'),
    ];

    private static readonly (char From, char To)[] AsciiLettersAndDigits = [('a', 'z'), ('A', 'Z'), (Kelvin, Kelvin), ('0', '9')];

    /// <summary>Characters a domain label cannot hold: ASCII punctuation and controls, invalid and directional marks.</summary>
    private static readonly SearchValues<char> NotInDomain = Create(
        [('\u0000', '\u002F'), ('\u003A', '\u0040'), ('\u005B', '\u0060'), ('\u007B', '\u007F'), ('\u00A0', '\u00A0'),
         ('\u1680', '\u1680'), ('\u180E', '\u180E'), ('\u2000', '\u200A'), ('\u2028', '\u2029'), ('\u202F', '\u202F'),
         ('\u205F', '\u205F'), ('\u3000', '\u3000'), ('\uFFFE', '\uFFFF'), ('\uFEFF', '\uFEFF'), ('\u202A', '\u202E'),
         ('\u061C', '\u061C'), ('\u200E', '\u200F'), ('\u2066', '\u2069')]);

    /// <summary>What may not come just before a URL: a letter, a digit, <c>@</c>, <c>$</c>, <c>#</c> (a mention, cashtag or hashtag).</summary>
    private static readonly SearchValues<char> NotBeforeUrl = Create(
        [.. AsciiLettersAndDigits, ('@', '@'), ('\uFF20', '\uFF20'), ('$', '$'), ('#', '#'), ('\uFF03', '\uFF03'), ('\uFFFE', '\uFFFF'), ('\uFEFF', '\uFEFF')]);

    /// <summary>
    /// What may not come just after a top-level domain: it would then be longer than the TLD. A hyphen or plus may
    /// (twitter-text links <c>http://domain.com</c> in <c>http://domain.com-that-you-should-have-put-a-space-after</c>).
    /// </summary>
    private static readonly SearchValues<char> NotAfterTld = Create([.. AsciiLettersAndDigits, ('@', '@')]);

    private static readonly SearchValues<char> Path = Create(
        [.. AsciiLettersAndDigits, .. LatinAccents, ('\u0400', '\u04FF'), ('\u2013', '\u2013'), .. Each("!*';:=+,.$/%#[]-_~|&@")]);

    private static readonly SearchValues<char> PathEnd = Create([.. AsciiLettersAndDigits, .. LatinAccents, ('\u0400', '\u04FF'), .. Each("+-=_#/")]);

    private static readonly SearchValues<char> Query = Create([.. AsciiLettersAndDigits, .. Each("!?*'();:&=+$/%#[]-_.,~|@")]);

    private static readonly SearchValues<char> QueryEnd = Create([.. AsciiLettersAndDigits, .. Each("-_&=#/")]);

    private static readonly SearchValues<char> AsciiDomain = Create([.. AsciiLettersAndDigits, .. LatinAccents, ('-', '-')]);

    /// <summary>A character of a domain label (any letter or digit of any script, not punctuation or space).</summary>
    public static bool IsDomain(char c) => !NotInDomain.Contains(c) && !char.IsWhiteSpace(c);

    /// <summary>Whether a URL may start after <paramref name="c"/>.</summary>
    public static bool MayPrecedeUrl(char c) => !NotBeforeUrl.Contains(c);

    /// <summary>Whether a top-level domain may end before <paramref name="c"/>.</summary>
    public static bool MayFollowTld(char c) => !NotAfterTld.Contains(c);

    /// <summary>A character of a URL path other than a parenthesis (those come only balanced).</summary>
    public static bool IsPath(char c) => Path.Contains(c);

    /// <summary>A character a URL path may end with (so <c>/foo.</c> does not take the period).</summary>
    public static bool IsPathEnd(char c) => PathEnd.Contains(c);

    /// <summary>A character of a URL query string.</summary>
    public static bool IsQuery(char c) => Query.Contains(c);

    /// <summary>A character a URL query string may end with.</summary>
    public static bool IsQueryEnd(char c) => QueryEnd.Contains(c);

    /// <summary>A character of a label of a domain linked without a protocol: ASCII letters, digits, hyphens, Latin accents.</summary>
    public static bool IsAsciiDomain(char c) => AsciiDomain.Contains(c);

    private static (char From, char To)[] Each(string chars) => [.. chars.Select(c => (c, c))];

    private static SearchValues<char> Create(ReadOnlySpan<(char From, char To)> ranges)
    {
        var chars = new List<char>();
        foreach (var (from, to) in ranges)
        {
            for (int c = from; c <= to; c++)
            {
                chars.Add((char)c);
            }
        }

        return SearchValues.Create([.. chars.Distinct()]);
    }
}
