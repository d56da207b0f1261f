using System.Text;

namespace Broker.Adapters.X.Text;

/// <summary>
/// The length of a post as X counts it (twitter-text 3, config v3): NFC first; every URL counts 23; each emoji
/// sequence twitter-text's emoji pattern matches counts 2 (<see cref="XEmoji"/>); code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 count 1;
/// everything else counts 2. A post may weigh at most <see cref="MaxWeightedLength"/>.
/// </summary>
public static class XTextCounter
{
    /// <summary>The heaviest post X accepts from a standard account.</summary>
    public const int MaxWeightedLength = 280;

    /// <summary>What every URL weighs, whatever its length (X shortens it to a t.co link).</summary>
    public const int TransformedUrlLength = 23;

    /// <summary>The weighted length of <paramref name="text"/>.</summary>
    public static int Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Nfc(text);
        var urls = XUrlFinder.Find(normalized);
        var weight = 0;
        var nextUrl = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                weight += TransformedUrlLength;
                i += urls[nextUrl].Length;
                nextUrl++;
                continue;
            }

            var plain = PlainAsciiLength(normalized, i, nextUrl < urls.Count && urls[nextUrl].Start > i ? urls[nextUrl].Start : normalized.Length);
            if (plain > 0)
            {
                weight += plain;
                i += plain;
                continue;
            }

            var emoji = XEmoji.SequenceLength(normalized, i);
            if (emoji > 0)
            {
                weight += 2;
                i += emoji;
                continue;
            }

            var codePoint = CodePointAt(normalized, i, out var width);
            weight += WeightOf(codePoint);
            i += width;
        }

        return weight;
    }

    /// <summary>
    /// Whether X would take <paramref name="text"/> as a post: something besides white space, at most
    /// <see cref="MaxWeightedLength"/>, and none of the characters twitter-text refuses (U+FFFE, U+FEFF, U+FFFF).
    /// </summary>
    public static bool IsValid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !string.IsNullOrWhiteSpace(text)
            && text.AsSpan().IndexOfAny('\uFFFE', '\uFEFF', '\uFFFF') < 0
            && Measure(text) <= MaxWeightedLength;
    }

    /// <summary>The text in Unicode normalization form C, as X stores it.</summary>
    internal static string Nfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates cannot be normalized; X would count them one by one, so do we.
            return text;
        }
    }

    /// <summary>
    /// How many characters from <paramref name="index"/> on (before <paramref name="end"/>) surely weigh 1: the ASCII
    /// ones but the last of their run, which the character after it could make a keycap (a digit, <c>#</c> or <c>*</c>
    /// before U+FE0F or U+20E3); no other emoji starts with an ASCII character.
    /// </summary>
    private static int PlainAsciiLength(string text, int index, int end)
    {
        var nonAscii = text.AsSpan(index, end - index).IndexOfAnyExceptInRange('\0', '\u007F');
        return Math.Max((nonAscii < 0 ? end - index : nonAscii) - 1, 0);
    }

    internal static int CodePointAt(string text, int index, out int width)
    {
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(text[index], text[index + 1]);
        }

        width = 1;
        return text[index];
    }

    private static int WeightOf(int codePoint) => codePoint switch
    {
        <= 0x10FF => 1,
        >= 0x2000 and <= 0x200D => 1,
        >= 0x2010 and <= 0x201F => 1,
        >= 0x2032 and <= 0x2037 => 1,
        _ => 2,
    };
}
