namespace Broker.Adapters.X.Text;

/// <summary>
/// Finds the emoji sequences X counts as 2 however many code points they hold: exactly what twitter-text 3.1's emoji
/// pattern matches (config v3, <c>emojiParsingEnabled</c>), tried in the pattern's order. Whatever it does not match is
/// counted code point by code point: emoji chained by joiners into no sequence it knows weigh 2 each plus 1 per joiner,
/// a black flag with unknown tags weighs 2 plus 2 per tag, and a selector or skin tone an emoji does not take weighs 2.
/// </summary>
internal static class XEmoji
{
    private const int ZeroWidthJoiner = 0x200D;
    private const int EmojiPresentation = 0xFE0F;
    private const int TextPresentation = 0xFE0E;
    private const int CombiningKeycap = 0x20E3;
    private const int Handshake = 0x1F91D;

    /// <summary>How many UTF-16 units the emoji sequence at <paramref name="index"/> spans; 0 when none starts there.</summary>
    public static int SequenceLength(string text, int index)
    {
        var first = XTextCounter.CodePointAt(text, index, out var width);
        if (first < 0x203C)
        {
            return first switch
            {
                >= '0' and <= '9' or '#' or '*' => KeycapLength(text, index),
                0xA9 or 0xAE => TextDefaultLength(text, index, width),
                _ => 0,
            };
        }

        if (!XEmojiTables.MayStart(first))
        {
            return 0;
        }

        var joined = JoinedLength(text, index, first, width);
        return joined > 0 ? joined : SingleLength(text, index, first, width);
    }

    /// <summary>The ZWJ sequences, which the pattern tries before anything else.</summary>
    private static int JoinedLength(string text, int index, int first, int width)
    {
        var end = index + width;
        if (first is 0x1F468 or 0x1F469 or 0x1F9D1)
        {
            var couple = HoldingHandsLength(text, index, first, end);
            if (couple > 0)
            {
                return couple;
            }

            var role = RoleLength(text, SkipTone(text, end));
            if (role > 0)
            {
                return role - index;
            }
        }
        else if (first is >= 0x1F46B and <= 0x1F46D)
        {
            return SkipTone(text, end) - index;
        }
        else if (XEmojiTables.Contains(XEmojiTables.GenderedAfterSelectorOrTone, first))
        {
            var next = At(text, end);
            var gendered = next == EmojiPresentation || IsTone(next) ? GenderSignLength(text, end + (next == EmojiPresentation ? 1 : 2)) : 0;
            if (gendered > 0)
            {
                return gendered - index;
            }
        }
        else if (XEmojiTables.Contains(XEmojiTables.GenderedAfterOptionalTone, first))
        {
            var gendered = GenderSignLength(text, SkipTone(text, end));
            if (gendered > 0)
            {
                return gendered - index;
            }
        }

        return StartsAJoinedSequence(first) ? LengthOfFirstStarting(XEmojiTables.JoinedSequences, text, index) : 0;
    }

    private static bool StartsAJoinedSequence(int first) =>
        first is 0x1F468 or 0x1F469 or 0x1F3F3 or 0x1F3F4 or 0x1F46F or 0x1F93C or 0x1F9DE or 0x1F9DF or 0x1F415 or 0x1F441;

    private static int LengthOfFirstStarting(string[] sequences, string text, int index)
    {
        foreach (var sequence in sequences)
        {
            if (text.AsSpan(index).StartsWith(sequence, StringComparison.Ordinal))
            {
                return sequence.Length;
            }
        }

        return 0;
    }

    /// <summary>
    /// Two people holding hands: a man or woman with a skin tone and a man (or, after a woman, a woman) with another
    /// tone; two persons, each with a tone or the first without.
    /// </summary>
    private static int HoldingHandsLength(string text, int index, int first, int end)
    {
        var afterFirst = SkipTone(text, end);
        if (At(text, afterFirst) != ZeroWidthJoiner || At(text, afterFirst + 1) != Handshake || At(text, afterFirst + 3) != ZeroWidthJoiner)
        {
            return 0;
        }

        var secondAt = afterFirst + 4;
        var second = At(text, secondAt);
        var (firstTone, secondTone) = (afterFirst == end ? 0 : At(text, end), IsTone(At(text, secondAt + 2)) ? At(text, secondAt + 2) : 0);
        var matches = first switch
        {
            0x1F9D1 => second == 0x1F9D1 && (firstTone == 0 || secondTone != 0),
            0x1F468 => second == 0x1F468 && firstTone != 0 && secondTone != 0 && firstTone != secondTone,
            _ => second is 0x1F468 or 0x1F469 && firstTone != 0 && secondTone != 0 && firstTone != secondTone,
        };

        return matches ? secondAt + (firstTone == 0 ? 2 : 4) - index : 0;
    }

    /// <summary>The end of "ZWJ + role" at <paramref name="at"/>, or 0: a health, judge or pilot sign with U+FE0F, or an object (all astral).</summary>
    private static int RoleLength(string text, int at)
    {
        if (At(text, at) != ZeroWidthJoiner)
        {
            return 0;
        }

        var role = At(text, at + 1);
        if (role is 0x2695 or 0x2696 or 0x2708)
        {
            return At(text, at + 2) == EmojiPresentation ? at + 3 : 0;
        }

        return XEmojiTables.Contains(XEmojiTables.Roles, role) ? at + 3 : 0;
    }

    /// <summary>The end of "ZWJ + female or male sign + U+FE0F" at <paramref name="at"/>, or 0.</summary>
    private static int GenderSignLength(string text, int at) =>
        At(text, at) == ZeroWidthJoiner
        && At(text, at + 1) is 0x2640 or 0x2642
        && At(text, at + 2) == EmojiPresentation
            ? at + 3
            : 0;

    /// <summary>Keycaps, text-default symbols, selectable and tonable emoji, and flags: what follows the ZWJ sequences.</summary>
    private static int SingleLength(string text, int index, int first, int width)
    {
        var end = index + width;
        if (first is 0x2122 or 0x265F)
        {
            return TextDefaultLength(text, index, width);
        }

        if (XEmojiTables.Contains(XEmojiTables.Selectable, first))
        {
            return At(text, end) switch
            {
                EmojiPresentation => width + 1,
                TextPresentation => 0,
                _ => width,
            };
        }

        if (XEmojiTables.Contains(XEmojiTables.SelectableTonable, first))
        {
            var selector = At(text, end);
            return selector == TextPresentation ? 0 : SkipTone(text, selector == EmojiPresentation ? end + 1 : end) - index;
        }

        if (XEmojiTables.Contains(XEmojiTables.Tonable, first))
        {
            return SkipTone(text, end) - index;
        }

        return first switch
        {
            0x1F3F4 => LengthOfFirstStarting(XEmojiTables.TagFlags, text, index),
            >= 0x1F1E6 and <= 0x1F1FF => FlagLength(text, first, end),
            _ => 0,
        };
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

    /// <summary>©, ®, ™ and ♟ are emoji only when U+FE0F asks for it.</summary>
    private static int TextDefaultLength(string text, int index, int width) =>
        At(text, index + width) == EmojiPresentation ? width + 1 : 0;

    /// <summary>Two regional indicators that name a region (a lone one, or a pair that names none, weighs 2 each).</summary>
    private static int FlagLength(string text, int first, int end)
    {
        var second = At(text, end);
        return second is >= 0x1F1E6 and <= 0x1F1FF
            && XEmojiTables.FlagSecondLetters[first - 0x1F1E6].Contains((char)('A' + (second - 0x1F1E6)), StringComparison.Ordinal)
                ? 4
                : 0;
    }

    private static int SkipTone(string text, int at) => IsTone(At(text, at)) ? at + 2 : at;

    private static bool IsTone(int codePoint) => codePoint is >= 0x1F3FB and <= 0x1F3FF;

    /// <summary>The code point at <paramref name="index"/>, or 0 past the end.</summary>
    private static int At(string text, int index) => index < text.Length ? XTextCounter.CodePointAt(text, index, out _) : 0;
}
