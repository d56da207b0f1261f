namespace Broker.Adapters.X.Text;

/// <summary>
/// How far a URL's path and query run, by twitter-text's grammar: a path is <c>/</c> then path characters and balanced
/// parentheses (two levels at most, as in <c>/wiki/Primer_(film)</c>), up to the last character that may end a path;
/// a query is <c>?</c> then query characters up to the last one that may end a query, and follows the path directly.
/// Trailing punctuation and an unbalanced parenthesis are not part of a URL.
/// </summary>
internal static class XUrlTail
{
    /// <summary>
    /// How many characters of <paramref name="tail"/> (the text just after the domain and port) the URL's path and
    /// query take; 0 when neither follows.
    /// </summary>
    public static int Length(ReadOnlySpan<char> tail)
    {
        var length = !tail.IsEmpty && tail[0] == '/' ? PathLength(tail) : 0;
        if (length < tail.Length && tail[length] == '?')
        {
            length += QueryLength(tail[length..]);
        }

        return length;
    }

    /// <summary>The path's length: the <c>/</c>, then up to the last character or parenthesised group that may end it.</summary>
    private static int PathLength(ReadOnlySpan<char> path)
    {
        var kept = 1;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '(')
            {
                var group = BalancedLength(path[i..]);
                if (group == 0)
                {
                    break;
                }

                i += group;
                kept = i;
                continue;
            }

            if (!XUrlChars.IsPath(path[i]))
            {
                break;
            }

            i++;
            kept = XUrlChars.IsPathEnd(path[i - 1]) ? i : kept;
        }

        return kept;
    }

    /// <summary>
    /// The length of the parenthesised group <paramref name="text"/> starts with: <c>(</c>, path characters (at least
    /// one) or path characters around one inner group that holds at least one, then <c>)</c>; 0 when it is none.
    /// </summary>
    private static int BalancedLength(ReadOnlySpan<char> text)
    {
        var i = PathRunEnd(text, 1);
        if (i < text.Length && text[i] == ')' && i > 1)
        {
            return i + 1;
        }

        if (i >= text.Length || text[i] != '(')
        {
            return 0;
        }

        var inner = PathRunEnd(text, i + 1);
        if (inner == i + 1 || inner >= text.Length || text[inner] != ')')
        {
            return 0;
        }

        i = PathRunEnd(text, inner + 1);
        return i < text.Length && text[i] == ')' ? i + 1 : 0;
    }

    private static int PathRunEnd(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length && XUrlChars.IsPath(text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>The query's length (its <c>?</c> included) up to the last character that may end it; 0 when there is none.</summary>
    private static int QueryLength(ReadOnlySpan<char> query)
    {
        var kept = 0;
        for (var i = 1; i < query.Length && XUrlChars.IsQuery(query[i]); i++)
        {
            kept = XUrlChars.IsQueryEnd(query[i]) ? i + 1 : kept;
        }

        return kept;
    }
}
