namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds the matches of twitter-text's URL pattern in one word of a text (which the pattern sees as the whole input),
/// leftmost first, as the case-insensitive regular expression
/// <c>(?:^|[^a-z0-9@$#])(https?://)?(?:sub\.)*name\.tld(?=[^0-9a-z@]|$)(:port)?(/path)?(\?query)?</c> finds them
/// (the character before a URL is matched, so it cannot be the last of the previous match; path and query as
/// <see cref="XUrlTail"/> reads them),
/// the TLD being one of the list, tried longest first. A label is the longest run of domain characters joined by
/// hyphens and underscores (the pattern never gives part of one back); a <c>name</c> holds no underscore. The greedy
/// <c>(?:sub\.)*</c> takes every label followed by a dot, then gives them back one at a time, so the deepest label that
/// is a <c>name</c> followed by a TLD wins. What a regular expression works out again at every start, this remembers
/// (the last label measured, the labels known to lead to no TLD), so a word costs linear time however many dots it holds.
/// </summary>
internal struct XUrlMatcher
{
    /// <summary>
    /// Characters stepped over on this thread by every matcher (Debug builds only: the counting is compiled out of
    /// Release), so a test can hold the work to linear without timing it.
    /// </summary>
    [ThreadStatic]
    private static long stepsTaken;

    private readonly string text;
    private readonly int start;
    private readonly int end;
    private int position;

    // Where the last match ended: the character before a URL is matched as part of it, so it cannot be one of those.
    private int consumed;

    // Every label start after a dot from failedFrom to failedTo is known to lead to no TLD.
    private int failedFrom = -1;
    private int failedTo = -1;

    // The last label measured: from any domain character between labelFrom and labelEnd it runs to labelEnd.
    private int labelFrom = -1;
    private int labelEnd = -1;
    private int labelUnderscore = -1;

    internal static long StepsTaken
    {
        get => stepsTaken;
        set => stepsTaken = value;
    }

    public XUrlMatcher(string text, int start, int end)
    {
        this.text = text;
        this.start = start;
        this.end = end;
        position = start;
        consumed = start;
    }

    /// <summary>The next match after the previous one, if any.</summary>
    public bool Next(out XUrlMatch match)
    {
        for (var at = position; at < end; at++)
        {
            Step();
            if ((at == start || (at > consumed && XUrlChars.MayPrecedeUrl(text[at - 1]))) && TryMatchAt(at, out match))
            {
                position = consumed = match.End;
                return true;
            }
        }

        position = end;
        match = default;
        return false;
    }

    [System.Diagnostics.Conditional("DEBUG")]
    private static void Step() => stepsTaken++;

    private static bool IsLetter(char c, char lower) => (c | 0x20) == lower;

    private bool TryMatchAt(int at, out XUrlMatch match)
    {
        var protocol = ProtocolLength(at);
        if (protocol > 0 && DomainEnd(at + protocol) is var afterProtocol and >= 0)
        {
            match = WithPortAndTail(at, true, at + protocol, afterProtocol);
            return true;
        }

        if (DomainEnd(at) is var domainEnd and >= 0)
        {
            match = WithPortAndTail(at, false, at, domainEnd);
            return true;
        }

        match = default;
        return false;
    }

    private readonly int ProtocolLength(int at)
    {
        var rest = text.AsSpan(at, end - at);
        if (rest.Length < 7 || !IsLetter(rest[0], 'h') || !IsLetter(rest[1], 't') || !IsLetter(rest[2], 't') || !IsLetter(rest[3], 'p'))
        {
            return 0;
        }

        var length = IsLetter(rest[4], 's') ? 5 : 4;
        return rest[length..].StartsWith("://", StringComparison.Ordinal) ? length + 3 : 0;
    }

    /// <summary>Where the domain whose first label starts at <paramref name="from"/> ends (after its TLD); -1 when there is none.</summary>
    private int DomainEnd(int from)
    {
        var firstEnd = LabelEnd(from);
        if (firstEnd < 0 || firstEnd >= end || text[firstEnd] != '.')
        {
            return -1;
        }

        var isName = labelUnderscore < from;
        var deeper = DomainEndAfter(firstEnd + 1);
        if (deeper >= 0)
        {
            return deeper;
        }

        return isName ? TldEnd(firstEnd + 1) : -1;
    }

    /// <summary>
    /// Where the domain ends whose labels continue at <paramref name="from"/> (just after a dot), trying the labels from
    /// the deepest back to the one at <paramref name="from"/>; -1 when none of them is a name followed by a TLD.
    /// </summary>
    private int DomainEndAfter(int from)
    {
        if (from >= failedFrom && from <= failedTo)
        {
            return -1;
        }

        var last = from;
        while (LabelEnd(last) is var next and >= 0 && next < end && text[next] == '.')
        {
            Step();
            last = next + 1;
        }

        var dot = last - 1;
        var underscore = false;
        for (var i = dot - 1; i >= from - 1; i--)
        {
            Step();
            if (i >= from && text[i] != '.')
            {
                underscore |= text[i] == '_';
                continue;
            }

            if (!underscore && TldEnd(dot + 1) is var tldEnd and >= 0)
            {
                (failedFrom, failedTo) = (dot + 1, last);
                return tldEnd;
            }

            (dot, underscore) = (i, false);
        }

        (failedFrom, failedTo) = (from, last);
        return -1;
    }

    /// <summary>
    /// Where the label starting at <paramref name="from"/> ends: domain characters, joined by runs of hyphens and
    /// underscores; -1 when no label starts there. Remembers its last underscore (a <c>name</c> has none).
    /// </summary>
    private int LabelEnd(int from)
    {
        if (from >= end || !XUrlChars.IsDomain(text[from]))
        {
            return -1;
        }

        if (from >= labelFrom && from < labelEnd)
        {
            return labelEnd;
        }

        var i = from;
        var underscore = -1;
        while (true)
        {
            while (i < end && XUrlChars.IsDomain(text[i]))
            {
                Step();
                i++;
            }

            var joined = i;
            var joinedUnderscore = underscore;
            while (joined < end && text[joined] is '_' or '-')
            {
                joinedUnderscore = text[joined] == '_' ? joined : joinedUnderscore;
                joined++;
            }

            if (joined == i || joined == end || !XUrlChars.IsDomain(text[joined]))
            {
                break;
            }

            (i, underscore) = (joined, joinedUnderscore);
        }

        (labelFrom, labelEnd, labelUnderscore) = (from, i, underscore);
        return i;
    }

    private readonly int TldEnd(int from) =>
        from < end && XTopLevelDomains.LengthAt(text.AsSpan(from, end - from)) is var length and > 0 ? from + length : -1;

    private readonly XUrlMatch WithPortAndTail(int at, bool hasProtocol, int domainStart, int domainEnd)
    {
        var tail = domainEnd;
        if (tail + 1 < end && text[tail] == ':' && char.IsAsciiDigit(text[tail + 1]))
        {
            tail += 2;
            while (tail < end && char.IsAsciiDigit(text[tail]))
            {
                tail++;
            }
        }

        var stop = tail + XUrlTail.Length(text.AsSpan(tail, end - tail));
        return new XUrlMatch(at, hasProtocol, domainStart, domainEnd, tail, stop);
    }
}
