using System.Globalization;
using System.Text.RegularExpressions;

using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// The URL finder as the adapter had it before the hand-written <see cref="XUrlFinder"/>: twitter-text's URL pattern
/// as a regular expression with a ~1,500-way TLD alternation, tried on every word that holds a dot. Kept unchanged
/// (bar its name and the character classes made visible) as the oracle the new finder must agree with.
/// </summary>
internal static class RegexXUrlFinder
{
    private const int MaxLabelLength = 63;
    private const int MaxUrlLength = 4096;
    internal const string LatinAccents = @"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF";

    // Any character but ASCII punctuation, spaces, invalid characters and directional marks.
    internal const string DomainChar = @"[^\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F\s\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFFFE\uFEFF\uFFFF\u202A-\u202E\u061C\u200E\u200F\u2066-\u2069]";
    internal const string PathChars = @"[a-z\u0400-\u04FF0-9!*';:=+,.$/%#\[\]\-\u2013_~|&@()" + LatinAccents + "]";
    private const string PathEndChars = @"+\-=_#/";
    internal const string QueryChars = @"[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]";
    private const string QueryEndChars = @"-_&=#/";
    private const string InvalidBeforeBareDomain = "-_./";

    private static readonly Lazy<Regex> Url = new(() => new Regex(UrlPattern(), Options));
    private static readonly Lazy<Regex> AsciiDomain = new(() => new Regex(
        $@"(?:[\-a-z0-9{LatinAccents}]+\.)+(?:{TldAlternation()})(?=[^0-9a-z@+\-]|$)", Options));

    private static readonly IdnMapping Idn = new();

    internal static RegexOptions Options => RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>The URLs in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<XUrlSpan> Find(string text)
    {
        var spans = new List<XUrlSpan>();
        foreach (var match in Candidates(text))
        {
            var domain = match.Groups["domain"];
            var tail = match.Groups["tail"];
            var end = tail.Index + KeptTail(tail.Value);
            if (match.Groups["protocol"].Success)
            {
                if (IsValid(domain.Value, match.Length))
                {
                    spans.Add(new XUrlSpan(match.Index, end - match.Index));
                }

                continue;
            }

            if (match.Index > 0 && InvalidBeforeBareDomain.Contains(text[match.Index - 1], StringComparison.Ordinal))
            {
                continue;
            }

            AddBareDomains(spans, domain, end);
        }

        return spans;
    }

    /// <summary>
    /// The URL pattern's matches, searched for only in the whitespace-separated words that contain a dot. A match can
    /// hold neither whitespace nor fail to hold a dot, and the pattern looks at most one character beyond a match,
    /// where a word's edge (whitespace, or the start or end of the text) answers as the substring's start or end does:
    /// so the matches are the same as over the whole text, at a fraction of the cost (the pattern is tried at every
    /// word otherwise, and its top-level-domain alternation is large).
    /// </summary>
    private static IEnumerable<Match> Candidates(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start && text.AsSpan(start, i - start).Contains('.'))
            {
                for (var match = Url.Value.Match(text, start, i - start); match.Success; match = match.NextMatch())
                {
                    yield return match;
                }
            }
        }
    }

    private static void AddBareDomains(List<XUrlSpan> spans, Group domain, int end)
    {
        var domainEnd = domain.Index + domain.Length;
        var found = AsciiDomain.Value.Matches(domain.Value);
        for (var i = 0; i < found.Count; i++)
        {
            var ascii = found[i];
            var last = i == found.Count - 1 && ascii.Index + ascii.Length == domain.Length;
            var hasPath = last && end > domainEnd;
            if (!IsValid(ascii.Value, ascii.Length) || (!hasPath && IsShortCountryDomain(ascii.Value)))
            {
                continue;
            }

            var start = domain.Index + ascii.Index;
            spans.Add(new XUrlSpan(start, (last ? end : start + ascii.Length) - start));
        }
    }

    /// <summary>twitter-text does not link <c>name.cc</c> alone (country code, no subdomain, no path) except .co and .tv.</summary>
    private static bool IsShortCountryDomain(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length != 2)
        {
            return false;
        }

        var tld = labels[1].ToLowerInvariant();
        return tld.Length == 2 && char.IsAsciiLetter(tld[0]) && char.IsAsciiLetter(tld[1]) && tld is not ("co" or "tv");
    }

    private static bool IsValid(string domain, int urlLength)
    {
        var asciiLength = 0;
        foreach (var label in domain.Split('.'))
        {
            var ascii = Punycode(label);
            if (ascii is null || ascii.Length is 0 or > MaxLabelLength)
            {
                return false;
            }

            asciiLength += ascii.Length + 1;
        }

        return urlLength - domain.Length + asciiLength <= MaxUrlLength;
    }

    private static string? Punycode(string label)
    {
        if (label.All(char.IsAscii))
        {
            return label;
        }

        try
        {
            return Idn.GetAscii(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>How much of the matched path and query belongs to the URL: trailing punctuation does not.</summary>
    private static int KeptTail(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        var query = value.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return TrimPath(value);
        }

        var path = TrimPath(value[..query]);
        if (path < query)
        {
            return path;
        }

        var kept = query + 1;
        for (var i = value.Length; i > query + 1; i--)
        {
            var c = char.ToLowerInvariant(value[i - 1]);
            if (char.IsAsciiLetterOrDigit(c) || QueryEndChars.Contains(c, StringComparison.Ordinal))
            {
                kept = i;
                break;
            }
        }

        return kept == query + 1 ? query : kept;
    }

    private static int TrimPath(string path)
    {
        if (path.Length == 0)
        {
            return 0;
        }

        var open = path.Count(c => c == '(');
        var close = path.Count(c => c == ')');
        for (var end = path.Length; end > 1; end--)
        {
            var c = path[end - 1];
            if (c == ')' && close <= open)
            {
                return end;
            }

            if (c == ')')
            {
                close--;
                continue;
            }

            if (c == '(')
            {
                open--;
                continue;
            }

            if (char.IsLetterOrDigit(c) || PathEndChars.Contains(c, StringComparison.Ordinal))
            {
                return end;
            }
        }

        return 1;
    }

    private static string UrlPattern()
    {
        var subdomain = $@"(?>{DomainChar}+(?:[_\-]+{DomainChar}+)*)\.";
        var name = $@"(?>{DomainChar}+(?:-+{DomainChar}+)*)\.";
        var tld = $@"(?:{TldAlternation()})(?=[^0-9a-z@+\-]|$)";
        return $@"(?<=^|[^a-z0-9@\uFF20$#\uFF03\uFFFE\uFEFF\uFFFF])"
            + @"(?<protocol>https?://)?"
            + $@"(?<domain>(?:{subdomain})*{name}{tld})"
            + @"(?::[0-9]+)?"
            + $@"(?<tail>(?:/{PathChars}*)?(?:\?{QueryChars}*)?)";
    }

    private static string TldAlternation() => string.Join('|', XTopLevelDomains.All.Select(Regex.Escape));
}
