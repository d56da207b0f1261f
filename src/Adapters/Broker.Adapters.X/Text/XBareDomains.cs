namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds, in a domain the URL pattern matched without a protocol, the domains twitter-text links: labels of ASCII
/// letters, digits, hyphens and Latin accents, each followed by a dot, then a TLD, as the case-insensitive regular
/// expression <c>(?:[-a-z0-9À-ỿ]+\.)+tld(?=[^0-9a-z@+\-]|$)</c> finds them, leftmost first; the deepest TLD wins.
/// In linear time: when no TLD follows any label of a run of labels, none follows from any later start in that run.
/// </summary>
internal static class XBareDomains
{
    /// <summary>The first match between <paramref name="from"/> and <paramref name="end"/> (the end of the domain).</summary>
    public static bool Next(string text, int from, int end, out int matchStart, out int matchEnd)
    {
        var at = from;
        while (at < end)
        {
            if (!XUrlChars.IsAsciiDomain(text[at]))
            {
                at++;
                continue;
            }

            var last = LastLabel(text, at, end);
            for (var dot = last - 1; dot > at; dot--)
            {
                if (text[dot] == '.' && dot + 1 < end && XTopLevelDomains.LengthAt(text.AsSpan(dot + 1, end - dot - 1)) is var tld and > 0)
                {
                    (matchStart, matchEnd) = (at, dot + 1 + tld);
                    return true;
                }
            }

            at = RunEnd(text, last, end);
        }

        (matchStart, matchEnd) = (end, end);
        return false;
    }

    /// <summary>Where the first run of label characters from <paramref name="at"/> that no dot follows starts.</summary>
    private static int LastLabel(string text, int at, int end)
    {
        var last = at;
        while (RunEnd(text, last, end) is var runEnd && runEnd > last && runEnd < end && text[runEnd] == '.')
        {
            last = runEnd + 1;
        }

        return last;
    }

    private static int RunEnd(string text, int at, int end)
    {
        while (at < end && XUrlChars.IsAsciiDomain(text[at]))
        {
            at++;
        }

        return at;
    }
}
