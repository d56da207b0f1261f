namespace Broker.Adapters.X.Text;

/// <summary>
/// The code points of twitter-text 3.1's emoji pattern (TwitterTextEmojiRegex in its Java library, the same pattern in
/// its Ruby one), sorted as inclusive ranges written start, end. Only what decides how long a match is lives here: a
/// single code point the pattern matches on its own weighs 2 whether matched or not.
/// </summary>
internal static class XEmojiTables
{
    /// <summary>Emoji that take a trailing U+FE0F into the match and refuse to match before U+FE0E.</summary>
    public static ReadOnlySpan<int> Selectable =>
    [
        0x203C, 0x203C, 0x2049, 0x2049, 0x2139, 0x2139, 0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B,
        0x2328, 0x2328, 0x23CF, 0x23CF, 0x23ED, 0x23EF, 0x23F1, 0x23F2, 0x23F8, 0x23FA, 0x24C2, 0x24C2,
        0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE, 0x2600, 0x2604, 0x260E, 0x260E,
        0x2611, 0x2611, 0x2614, 0x2615, 0x2618, 0x2618, 0x2620, 0x2620, 0x2622, 0x2623, 0x2626, 0x2626,
        0x262A, 0x262A, 0x262E, 0x262F, 0x2638, 0x263A, 0x2640, 0x2640, 0x2642, 0x2642, 0x2648, 0x2653,
        0x2660, 0x2660, 0x2663, 0x2663, 0x2665, 0x2666, 0x2668, 0x2668, 0x267B, 0x267B, 0x267F, 0x267F,
        0x2692, 0x2697, 0x2699, 0x2699, 0x269B, 0x269C, 0x26A0, 0x26A1, 0x26A7, 0x26A7, 0x26AA, 0x26AB,
        0x26B0, 0x26B1, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26C8, 0x26C8, 0x26CF, 0x26CF, 0x26D1, 0x26D1,
        0x26D3, 0x26D4, 0x26E9, 0x26EA, 0x26F0, 0x26F5, 0x26F8, 0x26F8, 0x26FA, 0x26FA, 0x26FD, 0x26FD,
        0x2702, 0x2702, 0x2708, 0x2709, 0x270F, 0x270F, 0x2712, 0x2712, 0x2714, 0x2714, 0x2716, 0x2716,
        0x271D, 0x271D, 0x2721, 0x2721, 0x2733, 0x2734, 0x2744, 0x2744, 0x2747, 0x2747, 0x2757, 0x2757,
        0x2763, 0x2764, 0x27A1, 0x27A1, 0x2934, 0x2935, 0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50,
        0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D, 0x3297, 0x3297, 0x3299, 0x3299, 0x1F004, 0x1F004,
        0x1F170, 0x1F171, 0x1F17E, 0x1F17F, 0x1F202, 0x1F202, 0x1F21A, 0x1F21A, 0x1F22F, 0x1F22F, 0x1F237, 0x1F237,
        0x1F321, 0x1F321, 0x1F324, 0x1F32C, 0x1F336, 0x1F336, 0x1F37D, 0x1F37D, 0x1F396, 0x1F397, 0x1F399, 0x1F39B,
        0x1F39E, 0x1F39F, 0x1F3CD, 0x1F3CE, 0x1F3D4, 0x1F3DF, 0x1F3F3, 0x1F3F3, 0x1F3F5, 0x1F3F5, 0x1F3F7, 0x1F3F7,
        0x1F43F, 0x1F43F, 0x1F441, 0x1F441, 0x1F4FD, 0x1F4FD, 0x1F549, 0x1F54A, 0x1F56F, 0x1F570, 0x1F573, 0x1F573,
        0x1F576, 0x1F579, 0x1F587, 0x1F587, 0x1F58A, 0x1F58D, 0x1F5A5, 0x1F5A5, 0x1F5A8, 0x1F5A8, 0x1F5B1, 0x1F5B2,
        0x1F5BC, 0x1F5BC, 0x1F5C2, 0x1F5C4, 0x1F5D1, 0x1F5D3, 0x1F5DC, 0x1F5DE, 0x1F5E1, 0x1F5E1, 0x1F5E3, 0x1F5E3,
        0x1F5E8, 0x1F5E8, 0x1F5EF, 0x1F5EF, 0x1F5F3, 0x1F5F3, 0x1F5FA, 0x1F5FA, 0x1F6CB, 0x1F6CB, 0x1F6CD, 0x1F6CF,
        0x1F6E0, 0x1F6E5, 0x1F6E9, 0x1F6E9, 0x1F6F0, 0x1F6F0, 0x1F6F3, 0x1F6F3,
    ];

    /// <summary>Emoji that take a skin tone after an optional U+FE0F, and refuse to match before U+FE0E.</summary>
    public static ReadOnlySpan<int> SelectableTonable =>
    [
        0x261D, 0x261D, 0x26F7, 0x26F7, 0x26F9, 0x26F9, 0x270C, 0x270D, 0x1F3CB, 0x1F3CC, 0x1F574, 0x1F575,
        0x1F590, 0x1F590,
    ];

    /// <summary>Emoji that take a skin tone (and no selector).</summary>
    public static ReadOnlySpan<int> Tonable =>
    [
        0x270A, 0x270B, 0x1F385, 0x1F385, 0x1F3C2, 0x1F3C4, 0x1F3C7, 0x1F3C7, 0x1F3CA, 0x1F3CA, 0x1F442, 0x1F443,
        0x1F446, 0x1F450, 0x1F466, 0x1F469, 0x1F46E, 0x1F46E, 0x1F470, 0x1F478, 0x1F47C, 0x1F47C, 0x1F481, 0x1F483,
        0x1F485, 0x1F487, 0x1F4AA, 0x1F4AA, 0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F645, 0x1F647, 0x1F64B, 0x1F64F,
        0x1F6A3, 0x1F6A3, 0x1F6B4, 0x1F6B6, 0x1F6C0, 0x1F6C0, 0x1F6CC, 0x1F6CC, 0x1F90F, 0x1F90F, 0x1F918, 0x1F91C,
        0x1F91E, 0x1F91F, 0x1F926, 0x1F926, 0x1F930, 0x1F939, 0x1F93D, 0x1F93E, 0x1F9B5, 0x1F9B6, 0x1F9B8, 0x1F9B9,
        0x1F9BB, 0x1F9BB, 0x1F9CD, 0x1F9CF, 0x1F9D1, 0x1F9DD,
    ];

    /// <summary>Starts of "person + selector or tone + ZWJ + female/male sign + U+FE0F" (golfing, detective…).</summary>
    public static ReadOnlySpan<int> GenderedAfterSelectorOrTone =>
    [
        0x26F9, 0x26F9, 0x1F3CB, 0x1F3CC, 0x1F574, 0x1F575,
    ];

    /// <summary>Starts of "person + optional tone + ZWJ + female/male sign + U+FE0F" (runner, police officer…).</summary>
    public static ReadOnlySpan<int> GenderedAfterOptionalTone =>
    [
        0x1F3C3, 0x1F3C4, 0x1F3CA, 0x1F3CA, 0x1F46E, 0x1F46E, 0x1F471, 0x1F471, 0x1F473, 0x1F473, 0x1F477, 0x1F477,
        0x1F481, 0x1F482, 0x1F486, 0x1F487, 0x1F645, 0x1F647, 0x1F64B, 0x1F64B, 0x1F64D, 0x1F64E, 0x1F6A3, 0x1F6A3,
        0x1F6B4, 0x1F6B6, 0x1F926, 0x1F926, 0x1F935, 0x1F935, 0x1F937, 0x1F939, 0x1F93D, 0x1F93E, 0x1F9B8, 0x1F9B9,
        0x1F9CD, 0x1F9CF, 0x1F9D6, 0x1F9DD,
    ];

    /// <summary>What may follow "man/woman/person + optional tone + ZWJ" as a role (farmer, cook, technologist…).</summary>
    public static ReadOnlySpan<int> Roles =>
    [
        0x1F33E, 0x1F33E, 0x1F373, 0x1F373, 0x1F393, 0x1F393, 0x1F3A4, 0x1F3A4, 0x1F3A8, 0x1F3A8, 0x1F3EB, 0x1F3EB,
        0x1F3ED, 0x1F3ED, 0x1F4BB, 0x1F4BC, 0x1F527, 0x1F527, 0x1F52C, 0x1F52C, 0x1F680, 0x1F680, 0x1F692, 0x1F692,
        0x1F9AF, 0x1F9B3, 0x1F9BC, 0x1F9BD,
    ];

    /// <summary>For each first letter A–Z, the second letters that make a flag from two regional indicators.</summary>
    public static readonly string[] FlagSecondLetters =
    [
        "CDEFGILMOQRSTUWXZ", "ABDEFGHIJLMNOQRSTVWYZ", "ACDFGHIKLMNOPRUVWXYZ", "EGJKMOZ", "ACEGHRSTU", "IJKMOR",
        "ABDEFGHILMNPQRSTUWY", "KMNRTU", "CDELMNOQRST", "EMOP", "EGHIMNPRWYZ", "ABCIKRSTUVY",
        "ACDEFGHKLMNOPQRSTUVWXYZ", "ACEFGILOPRUZ", "M", "AEFGHKLMNRSTWY", "A", "EOSUW", "ABCDEGHIJKLMNORSTVXYZ",
        "ACDFGHJKLMNORTVWZ", "AGMNSYZ", "ACEGINU", "FS", "K", "ET", "AMW",
    ];

    /// <summary>The other ZWJ sequences the pattern knows, each matched whole or not at all; longest first.</summary>
    public static readonly string[] JoinedSequences =
    [
        // kiss, family with two parents and two children, couple with heart
        "\U0001F468\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468",
        "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468",
        "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F469",
        "\U0001F468\u200D\U0001F468\u200D\U0001F466\u200D\U0001F466",
        "\U0001F468\u200D\U0001F468\u200D\U0001F467\u200D\U0001F466",
        "\U0001F468\u200D\U0001F468\u200D\U0001F467\u200D\U0001F467",
        "\U0001F468\u200D\U0001F469\u200D\U0001F466\u200D\U0001F466",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F467",
        "\U0001F469\u200D\U0001F469\u200D\U0001F466\u200D\U0001F466",
        "\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466",
        "\U0001F469\u200D\U0001F469\u200D\U0001F467\u200D\U0001F467",
        "\U0001F468\u200D\u2764\uFE0F\u200D\U0001F468",
        "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F468",
        "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F469",

        // transgender flag; families with one parent and two children, or two parents and one child
        "\U0001F3F3\uFE0F\u200D\u26A7\uFE0F",
        "\U0001F468\u200D\U0001F466\u200D\U0001F466",
        "\U0001F468\u200D\U0001F467\u200D\U0001F466",
        "\U0001F468\u200D\U0001F467\u200D\U0001F467",
        "\U0001F468\u200D\U0001F468\u200D\U0001F466",
        "\U0001F468\u200D\U0001F468\u200D\U0001F467",
        "\U0001F468\u200D\U0001F469\u200D\U0001F466",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\U0001F469\u200D\U0001F466\u200D\U0001F466",
        "\U0001F469\u200D\U0001F467\u200D\U0001F466",
        "\U0001F469\u200D\U0001F467\u200D\U0001F467",
        "\U0001F469\u200D\U0001F469\u200D\U0001F466",
        "\U0001F469\u200D\U0001F469\u200D\U0001F467",

        // rainbow and pirate flags, gendered groups and beings, service dog, eye in speech bubble
        "\U0001F3F3\uFE0F\u200D\U0001F308",
        "\U0001F3F4\u200D\u2620\uFE0F",
        "\U0001F46F\u200D\u2640\uFE0F",
        "\U0001F46F\u200D\u2642\uFE0F",
        "\U0001F93C\u200D\u2640\uFE0F",
        "\U0001F93C\u200D\u2642\uFE0F",
        "\U0001F9DE\u200D\u2640\uFE0F",
        "\U0001F9DE\u200D\u2642\uFE0F",
        "\U0001F9DF\u200D\u2640\uFE0F",
        "\U0001F9DF\u200D\u2642\uFE0F",
        "\U0001F415\u200D\U0001F9BA",
        "\U0001F441\u200D\U0001F5E8",

        // family with one parent and one child
        "\U0001F468\u200D\U0001F466",
        "\U0001F468\u200D\U0001F467",
        "\U0001F469\u200D\U0001F466",
        "\U0001F469\u200D\U0001F467",
    ];

    /// <summary>The three subdivision flags: black flag, tag letters gbeng, gbsct, gbwls, cancel tag.</summary>
    public static readonly string[] TagFlags =
    [
        "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
        "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
        "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F",
    ];

    /// <summary>One bit per code point below U+20000 that a match longer than itself may start with.</summary>
    private static readonly ulong[] StartBits = BuildStartBits();

    /// <summary>Whether a match longer than one code point may start with <paramref name="codePoint"/> (one look-up rules out the rest).</summary>
    public static bool MayStart(int codePoint) => codePoint < 0x20000 && (StartBits[codePoint >> 6] & (1UL << (codePoint & 63))) != 0;

    /// <summary>Whether <paramref name="codePoint"/> falls in one of the start, end ranges of <paramref name="ranges"/>.</summary>
    public static bool Contains(ReadOnlySpan<int> ranges, int codePoint)
    {
        int low = 0, high = (ranges.Length / 2) - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (codePoint < ranges[2 * middle])
            {
                high = middle - 1;
            }
            else if (codePoint > ranges[(2 * middle) + 1])
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static ulong[] BuildStartBits()
    {
        var bits = new ulong[0x20000 / 64];
        void Mark(ReadOnlySpan<int> ranges)
        {
            for (var i = 0; i < ranges.Length; i += 2)
            {
                for (var codePoint = ranges[i]; codePoint <= ranges[i + 1]; codePoint++)
                {
                    bits[codePoint >> 6] |= 1UL << (codePoint & 63);
                }
            }
        }

        Mark(Selectable);
        Mark(SelectableTonable);
        Mark(Tonable);
        Mark(GenderedAfterSelectorOrTone);
        Mark(GenderedAfterOptionalTone);
        Mark([0x1F468, 0x1F469, 0x1F9D1, 0x1F9D1, 0x1F46B, 0x1F46D, 0x1F1E6, 0x1F1FF, 0x2122, 0x2122, 0x265F, 0x265F]);
        foreach (var sequence in (string[])[.. JoinedSequences, .. TagFlags])
        {
            var first = char.ConvertToUtf32(sequence, 0);
            Mark([first, first]);
        }

        return bits;
    }
}
