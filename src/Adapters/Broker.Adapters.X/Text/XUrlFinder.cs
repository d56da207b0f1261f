using System.Globalization;
using System.Text;

namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds the URLs X links (and counts as 23), following twitter-text's rules: http/https URLs with any (also
/// Unicode) domain ending in a known TLD; bare ASCII domains with a known TLD, except a lone name under a country
/// code (<c>pemkot.id</c>) unless it has a path or is <c>.co</c>/<c>.tv</c>; every label at most 63 characters
/// once punycoded; trailing punctuation is not part of a URL.
/// </summary>
internal static class XUrlFinder
{
    private const int MaxLabelLength = 63;
    private const int MaxUrlLength = 4096;
    private const string InvalidBeforeBareDomain = "-_./";

    private static readonly IdnMapping Idn = new();

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
            var urlEnd = match.TailStart + XUrlTail.KeptLength(text.AsSpan(match.TailStart, match.End - match.TailStart));
            var domain = text.AsSpan(match.DomainStart, match.DomainEnd - match.DomainStart);
            if (match.HasProtocol)
            {
                if (IsValid(domain, match.End - match.Start))
                {
                    spans.Add(new XUrlSpan(match.Start, urlEnd - match.Start));
                }

                continue;
            }

            if (match.Start > 0 && InvalidBeforeBareDomain.Contains(text[match.Start - 1], StringComparison.Ordinal))
            {
                continue;
            }

            AddBareDomains(spans, text, match, urlEnd);
        }
    }

    private static void AddBareDomains(List<XUrlSpan> spans, string text, XUrlMatch match, int urlEnd)
    {
        var found = XBareDomains.Next(text, match.DomainStart, match.DomainEnd, out var start, out var end);
        while (found)
        {
            found = XBareDomains.Next(text, end, match.DomainEnd, out var nextStart, out var nextEnd);
            var last = !found && end == match.DomainEnd;
            var hasPath = last && urlEnd > match.DomainEnd;
            var domain = text.AsSpan(start, end - start);
            if (IsValid(domain, domain.Length) && (hasPath || !IsShortCountryDomain(domain)))
            {
                spans.Add(new XUrlSpan(start, (last ? urlEnd : end) - start));
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

    private static bool IsValid(ReadOnlySpan<char> domain, int urlLength)
    {
        var asciiLength = 0;
        foreach (var range in domain.Split('.'))
        {
            var length = PunycodeLength(domain[range]);
            if (length is <= 0 or > MaxLabelLength)
            {
                return false;
            }

            asciiLength += length + 1;
        }

        return urlLength - domain.Length + asciiLength <= MaxUrlLength;
    }

    /// <summary>The length of a label once punycoded; -1 when it cannot be.</summary>
    private static int PunycodeLength(ReadOnlySpan<char> label)
    {
        if (Ascii.IsValid(label))
        {
            return label.Length;
        }

        try
        {
            return Idn.GetAscii(label.ToString()).Length;
        }
        catch (ArgumentException)
        {
            return -1;
        }
    }
}
