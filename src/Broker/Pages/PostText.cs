using System.Text.RegularExpressions;

namespace Broker.Pages;

/// <summary>Splits a post's text the way platforms colour it: links and hashtags apart from plain text.</summary>
public static partial class PostText
{
    public enum Kind
    {
        Plain,
        Link,
        Tag,
    }

    public sealed record Segment(Kind Kind, string Text);

    public static IEnumerable<Segment> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var at = 0;
        foreach (Match match in Marked().Matches(text))
        {
            if (match.Index > at)
            {
                yield return new Segment(Kind.Plain, text[at..match.Index]);
            }

            yield return new Segment(match.Value.StartsWith('#') ? Kind.Tag : Kind.Link, match.Value);
            at = match.Index + match.Length;
        }

        if (at < text.Length)
        {
            yield return new Segment(Kind.Plain, text[at..]);
        }
    }

    [GeneratedRegex(@"https?://[^\s]+|#[\p{L}\p{N}_]+")]
    private static partial Regex Marked();
}
