using System.Text;
using System.Text.RegularExpressions;
using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// Decides whether a post X returns is the text the broker rendered: compared after NFC and whitespace
/// normalisation, and again with every URL masked, because X replaces links with t.co links, escapes <c>&amp;</c>,
/// <c>&lt;</c>, <c>&gt;</c>, and appends a t.co link to the photos of a post with media.
/// </summary>
internal static partial class XPostTextMatcher
{
    private const string UrlMask = "\u0001";

    public static bool Matches(string rendered, string remote)
    {
        var ours = Normalize(rendered);
        var theirs = Normalize(Unescape(remote));
        if (string.Equals(ours, theirs, StringComparison.Ordinal))
        {
            return true;
        }

        var oursMasked = Normalize(Mask(ours));
        var theirsMasked = Normalize(Mask(theirs));
        if (string.Equals(oursMasked, theirsMasked, StringComparison.Ordinal))
        {
            return true;
        }

        // A media post's text ends with the link(s) X made for its photos.
        if (!theirsMasked.StartsWith(oursMasked, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = theirsMasked[oursMasked.Length..].Replace(" ", string.Empty, StringComparison.Ordinal);
        return rest.Length > 0 && rest.All(c => c == UrlMask[0]);
    }

    internal static string Normalize(string text) => Whitespace().Replace(XTextCounter.Nfc(text), " ").Trim();

    private static string Unescape(string text) => text
        .Replace("&lt;", "<", StringComparison.Ordinal)
        .Replace("&gt;", ">", StringComparison.Ordinal)
        .Replace("&amp;", "&", StringComparison.Ordinal);

    private static string Mask(string text)
    {
        var urls = XUrlFinder.Find(text);
        if (urls.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var url in urls)
        {
            builder.Append(text, at, url.Start - at).Append(UrlMask);
            at = url.Start + url.Length;
        }

        return builder.Append(text, at, text.Length - at).ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
