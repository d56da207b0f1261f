namespace Broker.Adapters.X.Text;

/// <summary>How much of a URL's matched path and query belongs to it: trailing punctuation does not, nor an unbalanced <c>)</c>.</summary>
internal static class XUrlTail
{
    private const string PathEndChars = "+-=_#/";
    private const string QueryEndChars = "-_&=#/";

    /// <summary>How many characters of <paramref name="tail"/> (the path, then the query, as matched) the URL keeps.</summary>
    public static int KeptLength(ReadOnlySpan<char> tail)
    {
        if (tail.IsEmpty)
        {
            return 0;
        }

        var query = tail.IndexOf('?');
        if (query < 0)
        {
            return TrimPath(tail);
        }

        var path = TrimPath(tail[..query]);
        if (path < query)
        {
            return path;
        }

        for (var i = tail.Length; i > query + 1; i--)
        {
            var c = char.ToLowerInvariant(tail[i - 1]);
            if (char.IsAsciiLetterOrDigit(c) || QueryEndChars.Contains(c, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return query;
    }

    private static int TrimPath(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return 0;
        }

        var open = path.Count('(');
        var close = path.Count(')');
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
}
