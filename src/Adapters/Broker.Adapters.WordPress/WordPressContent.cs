using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Broker.Adapters.WordPress;

/// <summary>
/// A rendered text as a WordPress post: its first line is the title, the rest the body, written as HTML paragraphs
/// (blank lines) and line breaks, every character encoded and every http(s) URL made a link.
/// </summary>
internal static partial class WordPressContent
{
    public static string Title(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    public static string Body(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? string.Empty : text[(end + 1)..].Trim();
    }

    public static string Html(string body, IReadOnlyList<string> moreImages)
    {
        var html = new StringBuilder();
        foreach (var paragraph in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(Linked(paragraph).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
        }

        foreach (var image in moreImages)
        {
            html.Append("<figure class=\"wp-block-image\"><img src=\"").Append(WebUtility.HtmlEncode(image)).Append("\" alt=\"\"></figure>\n");
        }

        return html.ToString().TrimEnd();
    }

    private static string Linked(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match match in Url().Matches(text))
        {
            html.Append(WebUtility.HtmlEncode(text[at..match.Index]));
            var url = WebUtility.HtmlEncode(match.Value);
            html.Append("<a href=\"").Append(url).Append("\">").Append(url).Append("</a>");
            at = match.Index + match.Length;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
