namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds the URLs X links (and counts as 23), following twitter-text's rules: http/https URLs with any (also
/// Unicode) domain ending in a known TLD; bare ASCII domains with a known TLD, except a lone name under a country
/// code (<c>pemkot.id</c>) unless it has a path or is <c>.co</c>/<c>.tv</c>; every label at most 63 characters
/// once punycoded; trailing punctuation is not part of a URL (<see cref="XUrlTail"/>); a <c>t.co</c> link is its slug
/// and query only. Checked against twitter-text's conformance cases and an independent regular-expression oracle.
/// </summary>
internal static class XUrlFinder
{
    private const int MaxLabelLength = 63;
    private const int MaxUrlLength = 4096;
    private const int MaxTcoSlugLength = 40;
    private const string InvalidBeforeBareDomain = "-_./";

    /// <summary>The URLs in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<XUrlSpan> Find(string text)
    {
        // A URL holds no whitespace and at least one dot, and the pattern looks at most one character beyond a match,
        // where a word's edge answers as the text's edge does: so the words (between whitespace) with a dot are enough.
        var spans = new List<XUrlSpan>();
        var searched = 0;
        while (text.AsSpan(searched).IndexOf('.') is var dot and >= 0)
        {
            var start = searched + dot;
            while (start > searched && !char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            var end = searched + dot + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            FindInWord(spans, text, start, end);
            searched = end;
        }

        return spans;
    }

    private static void FindInWord(List<XUrlSpan> spans, string text, int start, int end)
    {
        var matcher = new XUrlMatcher(text, start, end);
        while (matcher.Next(out var match))
        {
            if (!IsValid(text, match))
            {
                continue;
            }

            if (match.HasProtocol)
            {
                AddWithProtocol(spans, text, match);
                continue;
            }

            if (match.Start > 0 && InvalidBeforeBareDomain.Contains(text[match.Start - 1], StringComparison.Ordinal))
            {
                continue;
            }

            AddBareDomains(spans, text, match);
        }
    }

    /// <summary>
    /// A URL with a protocol as matched, but a <c>t.co</c> link only up to its slug and any query after it (twitter-text
    /// takes nothing else of a t.co path), and none at all when the slug is over 40 characters.
    /// </summary>
    private static void AddWithProtocol(List<XUrlSpan> spans, string text, XUrlMatch match)
    {
        if (!IsTco(text, match))
        {
            spans.Add(new XUrlSpan(match.Start, match.End - match.Start));
            return;
        }

        var slugEnd = match.TailStart + 1;
        while (slugEnd < match.End && (char.IsAsciiLetterOrDigit(text[slugEnd]) || text[slugEnd] == '\u212A'))
        {
            slugEnd++;
        }

        if (slugEnd - match.TailStart - 1 > MaxTcoSlugLength)
        {
            return;
        }

        var end = slugEnd < match.End && text[slugEnd] == '?' ? slugEnd + XUrlTail.Length(text.AsSpan(slugEnd, match.End - slugEnd)) : slugEnd;
        spans.Add(new XUrlSpan(match.Start, end - match.Start));
    }

    /// <summary>Whether the match is <c>http(s)://t.co/</c> and a slug, no port between.</summary>
    private static bool IsTco(string text, XUrlMatch match) =>
        match.DomainEnd == match.TailStart
        && match.TailStart + 1 < match.End
        && text[match.TailStart] == '/'
        && (char.IsAsciiLetterOrDigit(text[match.TailStart + 1]) || text[match.TailStart + 1] == '\u212A')
        && text.AsSpan(match.DomainStart, match.DomainEnd - match.DomainStart).Equals("t.co", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The ASCII domains within a domain matched without a protocol. When a path follows, each of them is a URL and the
    /// last runs on through port, path and query; when none does, each is a URL alone (port and query left out) unless
    /// it is a lone name under a country code.
    /// </summary>
    private static void AddBareDomains(List<XUrlSpan> spans, string text, XUrlMatch match)
    {
        var hasPath = match.TailStart < match.End && text[match.TailStart] == '/';
        var found = XBareDomains.Next(text, match.DomainStart, match.DomainEnd, out var start, out var end);
        while (found)
        {
            found = XBareDomains.Next(text, end, match.DomainEnd, out var nextStart, out var nextEnd);
            if (hasPath)
            {
                spans.Add(new XUrlSpan(start, (found ? end : match.End) - start));
            }
            else if (!IsShortCountryDomain(text.AsSpan(start, end - start)))
            {
                spans.Add(new XUrlSpan(start, end - start));
            }

            (start, end) = (nextStart, nextEnd);
        }
    }

    /// <summary>twitter-text does not link <c>name.cc</c> alone (country code, no subdomain, no path) except .co and .tv.</summary>
    private static bool IsShortCountryDomain(ReadOnlySpan<char> domain)
    {
        var dot = domain.IndexOf('.');
        var tld = domain[(dot + 1)..];
        if (dot < 0 || tld.Length != 2 || tld.Contains('.'))
        {
            return false;
        }

        Span<char> lower = [char.ToLowerInvariant(tld[0]), char.ToLowerInvariant(tld[1])];
        return XTopLevelDomains.IsCountryCode(lower) && !lower.SequenceEqual("co") && !lower.SequenceEqual("tv");
    }

    /// <summary>
    /// twitter-text's check of a match: every label of the domain is 1 to 63 characters once punycoded, a domain that
    /// starts with <c>xn--</c> holds an ASCII domain, and the URL with its protocol (https:// when it has none) is at
    /// most 4,096 characters.
    /// </summary>
    private static bool IsValid(string text, XUrlMatch match)
    {
        var domain = text.AsSpan(match.DomainStart, match.DomainEnd - match.DomainStart);
        if (domain.StartsWith("xn--", StringComparison.Ordinal) && !XBareDomains.Next(text, match.DomainStart, match.DomainEnd, out _, out _))
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            if (XPunycode.EncodedLength(domain[range]) is 0 or > MaxLabelLength)
            {
                return false;
            }
        }

        var protocol = match.HasProtocol ? match.DomainStart - match.Start : "https://".Length;
        return protocol + match.End - match.Start <= MaxUrlLength;
    }
}
