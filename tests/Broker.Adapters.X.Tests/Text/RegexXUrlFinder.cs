using System.Text.RegularExpressions;

using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// The test oracle for <see cref="XUrlFinder"/>: twitter-text's URL extraction written the way twitter-text writes it,
/// as one regular expression (its ~1,500-way TLD alternation included) and the few rules its extractor applies to each
/// match, so nothing is shared with the hand-written finder but the TLD list. The path and query are twitter-text's
/// grammar (a path is path characters and balanced parentheses up to the last character that may end a path; a query
/// runs to the last character that may end one), where the finder trims a greedy match from its end instead; the
/// extractor's rules are those of twitter-text's <c>extractUrlsWithIndices</c>: a domain whose label is empty or
/// longer than 63 characters once punycoded (RFC 3492, computed here) makes no URL, a bare domain takes the path and
/// query only when a path follows it, a <c>t.co</c> link keeps its slug and query only. The oracle is itself held to
/// twitter-text's conformance cases (<see cref="XUrlConformanceTests"/>).
/// </summary>
internal static class RegexXUrlFinder
{
    private const int MaxLabelLength = 63;
    private const int MaxUrlLength = 4096;
    private const int MaxTcoSlugLength = 40;
    internal const string LatinAccents = @"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF";

    // Any character but ASCII punctuation, spaces, invalid characters and directional marks.
    internal const string DomainChar = @"[^\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F\s\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFFFE\uFEFF\uFFFF\u202A-\u202E\u061C\u200E\u200F\u2066-\u2069]";

    /// <summary>twitter-text's general path characters: no parentheses (they come only balanced).</summary>
    internal const string PathChars = @"[a-z\u0400-\u04FF0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&" + LatinAccents + "]";

    /// <summary>The characters that may end a path (so <c>/foo.</c> does not take the period).</summary>
    internal const string PathEndChars = @"[+\-a-z\u0400-\u04FF0-9=_#/" + LatinAccents + "]";

    internal const string QueryChars = @"[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]";
    internal const string QueryEndChars = @"[a-z0-9\-_&=#/]";
    private const string InvalidBeforeBareDomain = "-_./";

    /// <summary>Up to two levels of balanced parentheses, as in <c>/wiki/Primer_(film)</c> or <c>/track/We_Up_(Album_(Edited))</c>.</summary>
    private const string BalancedParens = $@"\((?:{PathChars}+|{PathChars}*\({PathChars}+\){PathChars}*)\)";

    private const string PathSegment = $@"(?:{PathChars}*(?:{BalancedParens}{PathChars}*)*(?:{PathEndChars}|{BalancedParens})|@{PathChars}+/)";

    private const string Query = $@"\?{QueryChars}*{QueryEndChars}";

    private static readonly Lazy<Regex> Url = new(() => new Regex(UrlPattern(), Options));
    private static readonly Lazy<Regex> AsciiDomain = new(() => new Regex(
        $@"(?:[\-a-z0-9{LatinAccents}]+\.)+(?:{TldAlternation()})(?=[^0-9a-z@]|$)", Options));

    private static readonly Regex Tco = new($@"^https?://t\.co/(?<slug>[a-z0-9]+)(?:{Query})?", Options);

    internal static RegexOptions Options => RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>The URLs in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<XUrlSpan> Find(string text)
    {
        var spans = new List<XUrlSpan>();
        foreach (var match in Candidates(text))
        {
            var url = match.Groups["url"];
            var domain = match.Groups["domain"];
            if (!IsValid(domain.Value, url.Length, match.Groups["protocol"].Length))
            {
                continue;
            }

            if (match.Groups["protocol"].Success)
            {
                AddWithProtocol(spans, url);
                continue;
            }

            if (url.Index > 0 && InvalidBeforeBareDomain.Contains(text[url.Index - 1], StringComparison.Ordinal))
            {
                continue;
            }

            AddBareDomains(spans, domain, match.Groups["path"].Success ? url.Index + url.Length : -1);
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

    /// <summary>A URL with a protocol as matched; a <c>t.co</c> link only up to its slug and query (none when the slug is over 40).</summary>
    private static void AddWithProtocol(List<XUrlSpan> spans, Group url)
    {
        var tco = Tco.Match(url.Value);
        if (!tco.Success)
        {
            spans.Add(new XUrlSpan(url.Index, url.Length));
        }
        else if (tco.Groups["slug"].Length <= MaxTcoSlugLength)
        {
            spans.Add(new XUrlSpan(url.Index, tco.Length));
        }
    }

    /// <summary>
    /// The ASCII domains within a domain matched without a protocol. When a path followed (<paramref name="end"/> is
    /// where the match ends; -1 when no path followed), each of them counts and the last runs on to the end; when none
    /// did, each counts alone, port and query left out, but a lone name under a country code does not count.
    /// </summary>
    private static void AddBareDomains(List<XUrlSpan> spans, Group domain, int end)
    {
        var found = AsciiDomain.Value.Matches(domain.Value);
        for (var i = 0; i < found.Count; i++)
        {
            var ascii = found[i];
            var start = domain.Index + ascii.Index;
            if (end >= 0)
            {
                spans.Add(new XUrlSpan(start, (i == found.Count - 1 ? end : start + ascii.Length) - start));
            }
            else if (!IsShortCountryDomain(ascii.Value))
            {
                spans.Add(new XUrlSpan(start, ascii.Length));
            }
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

    /// <summary>
    /// twitter-text's check of a matched URL: every label of the domain is 1 to 63 characters once punycoded, a domain
    /// that starts with <c>xn--</c> holds an ASCII domain, and the URL with its protocol (https:// when it has none) is at most
    /// 4,096 characters.
    /// </summary>
    private static bool IsValid(string domain, int urlLength, int protocolLength)
    {
        if (domain.StartsWith("xn--", StringComparison.Ordinal) && !AsciiDomain.Value.IsMatch(domain))
        {
            return false;
        }

        return domain.Split('.').All(label => PunycodeLength(label) is >= 1 and <= MaxLabelLength)
            && (protocolLength > 0 ? protocolLength : "https://".Length) + urlLength <= MaxUrlLength;
    }

    /// <summary>The length of <c>punycode.toASCII(label)</c>: the label itself when ASCII, else <c>xn--</c> and its RFC 3492 encoding.</summary>
    private static int PunycodeLength(string label)
    {
        var codePoints = new List<int>();
        for (var i = 0; i < label.Length; i++)
        {
            var isPair = char.IsHighSurrogate(label[i]) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1]);
            codePoints.Add(isPair ? char.ConvertToUtf32(label[i], label[++i]) : label[i]);
        }

        var basic = codePoints.Count(c => c < 0x80);
        if (basic == codePoints.Count)
        {
            return codePoints.Count;
        }

        return "xn--".Length + (basic > 0 ? basic + 1 : 0) + PunycodeDeltaDigits(codePoints, basic);
    }

    /// <summary>How many digits RFC 3492's encoder writes for the non-basic code points (section 6.3, bias adaptation included).</summary>
    private static int PunycodeDeltaDigits(List<int> codePoints, int basic)
    {
        const int Base = 36, TMin = 1, TMax = 26;
        var (n, delta, bias, handled, digits) = (0x80, 0L, 72, basic, 0);
        while (handled < codePoints.Count)
        {
            var m = codePoints.Where(c => c >= n).Min();
            delta += (long)(m - n) * (handled + 1);
            n = m;
            foreach (var c in codePoints)
            {
                if (c < n)
                {
                    delta++;
                }
                else if (c == n)
                {
                    for (var (q, k) = (delta, Base); ; k += Base)
                    {
                        var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                        digits++;
                        if (q < t)
                        {
                            break;
                        }

                        q = (q - t) / (Base - t);
                    }

                    bias = Adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            n++;
        }

        return digits;
    }

    private static int Adapt(long delta, int points, bool first)
    {
        delta = first ? delta / 700 : delta / 2;
        delta += delta / points;
        var k = 0;
        while (delta > 455)
        {
            delta /= 35;
            k += 36;
        }

        return (int)(k + (36 * delta / (delta + 38)));
    }

    /// <summary>
    /// twitter-text's pattern. The character before a URL is matched, not looked behind at, as twitter-text matches it:
    /// so the last character of one match cannot be the one before the next.
    /// </summary>
    private static string UrlPattern()
    {
        var subdomain = $@"(?>{DomainChar}+(?:[_\-]+{DomainChar}+)*)\.";
        var name = $@"(?>{DomainChar}+(?:-+{DomainChar}+)*)\.";
        var tld = $@"(?:{TldAlternation()})(?=[^0-9a-z@]|$)";
        return @"(?:^|[^a-z0-9@\uFF20$#\uFF03\uFFFE\uFEFF\uFFFF])"
            + @"(?<url>(?<protocol>https?://)?"
            + $@"(?<domain>(?:{subdomain})*{name}{tld})"
            + @"(?::[0-9]+)?"
            + $@"(?<path>/{PathSegment}*)?"
            + $@"(?:{Query})?)";
    }

    private static string TldAlternation() => string.Join('|', XTopLevelDomains.All.Select(Regex.Escape));
}
