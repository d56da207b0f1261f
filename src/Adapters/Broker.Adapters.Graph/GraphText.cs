using System.Text;

namespace Broker.Adapters.Graph;

/// <summary>Text rules both Meta platforms share.</summary>
public static class GraphText
{
    /// <summary>
    /// The length as Meta counts it: Unicode code points. Meta's limits are in characters and its servers count
    /// code points, so an emoji outside the BMP is one character (UTF-16 would count it twice); counting grapheme
    /// clusters would count "👍🏽" as one where Meta sees two code points, and could let a too-long text through.
    /// </summary>
    public static int CountCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Without surrogates (most Indonesian and English text) every UTF-16 unit is one code point; the vectorised
        // search is many times faster than walking the runes of a long post, which previews and approvals do twice.
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The text with every run of whitespace made one space and the ends trimmed, for matching posts read back.</summary>
    public static string NormaliseWhitespace(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalised = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = normalised.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                normalised.Append(' ');
                pendingSpace = false;
            }

            normalised.Append(character);
        }

        return normalised.ToString();
    }

    /// <summary>Whether a message read back is the same text as the one we sent.</summary>
    public static bool SameText(string? readBack, string sent) =>
        string.Equals(NormaliseWhitespace(readBack), NormaliseWhitespace(sent), StringComparison.Ordinal);
}
