namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds emoji sequences, which X counts as 2 however many code points they hold: keycaps, flags (regional
/// indicator pairs and tag sequences), skin tones, variation selectors and ZWJ sequences.
/// </summary>
internal static class XEmoji
{
    private const char ZeroWidthJoiner = '\u200D';
    private const char EmojiPresentation = '\uFE0F';
    private const char TextPresentation = '\uFE0E';
    private const char CombiningKeycap = '\u20E3';

    /// <summary>How many UTF-16 units the emoji sequence at <paramref name="index"/> spans; 0 when none starts there.</summary>
    public static int SequenceLength(string text, int index)
    {
        var first = XTextCounter.CodePointAt(text, index, out var width);
        if (first is >= '0' and <= '9' or '#' or '*')
        {
            return KeycapLength(text, index);
        }

        if (IsRegionalIndicator(first))
        {
            var next = index + width;
            return next < text.Length && IsRegionalIndicator(XTextCounter.CodePointAt(text, next, out var second))
                ? width + second
                : width;
        }

        if (!IsEmojiBase(first) && !(IsTextDefaultEmoji(first) && At(text, index + width) == EmojiPresentation))
        {
            return 0;
        }

        var end = ExtendElement(text, index + width);
        while (At(text, end) == ZeroWidthJoiner && end + 1 < text.Length)
        {
            var joined = XTextCounter.CodePointAt(text, end + 1, out var joinedWidth);
            if (!IsEmojiBase(joined) && !IsTextDefaultEmoji(joined))
            {
                break;
            }

            end = ExtendElement(text, end + 1 + joinedWidth);
        }

        return end - index;
    }

    private static int KeycapLength(string text, int index)
    {
        var end = index + 1;
        if (At(text, end) == EmojiPresentation)
        {
            end++;
        }

        return At(text, end) == CombiningKeycap ? end + 1 - index : 0;
    }

    /// <summary>Skips what may follow one emoji: a presentation selector, a skin tone, tag characters.</summary>
    private static int ExtendElement(string text, int end)
    {
        if (At(text, end) is EmojiPresentation or TextPresentation)
        {
            end++;
        }

        if (end < text.Length && IsSkinTone(XTextCounter.CodePointAt(text, end, out var toneWidth)))
        {
            end += toneWidth;
        }

        while (end < text.Length && IsTag(XTextCounter.CodePointAt(text, end, out var tagWidth)))
        {
            end += tagWidth;
        }

        return At(text, end) == EmojiPresentation ? end + 1 : end;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsRegionalIndicator(int codePoint) => codePoint is >= 0x1F1E6 and <= 0x1F1FF;

    private static bool IsSkinTone(int codePoint) => codePoint is >= 0x1F3FB and <= 0x1F3FF;

    private static bool IsTag(int codePoint) => codePoint is >= 0xE0020 and <= 0xE007F;

    /// <summary>Pictographs that are emoji on their own (the supplementary emoji blocks and the BMP symbol blocks).</summary>
    private static bool IsEmojiBase(int codePoint) => codePoint switch
    {
        >= 0x1F000 and <= 0x1FAFF => true,
        >= 0x2300 and <= 0x23FF => true,
        >= 0x2190 and <= 0x21FF => true,
        >= 0x25A0 and <= 0x27BF => true,
        >= 0x2900 and <= 0x297F => true,
        >= 0x2B00 and <= 0x2BFF => true,
        0x203C or 0x2049 or 0x2122 or 0x2139 or 0x24C2 or 0x3030 or 0x303D or 0x3297 or 0x3299 => true,
        _ => false,
    };

    /// <summary>Characters that are text unless a U+FE0F asks for the emoji presentation (©, ®).</summary>
    private static bool IsTextDefaultEmoji(int codePoint) => codePoint is 0x00A9 or 0x00AE;
}
