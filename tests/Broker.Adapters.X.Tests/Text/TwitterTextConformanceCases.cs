namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// Weighted-length cases transcribed from twitter-text's conformance suite (conformance/validate.yml, Apache-2.0),
/// sections WeightedTweetsWithDiscountedEmojiCounterTest and UnicodeDirectionalMarkerCounterTest (config v3), plus
/// the two normalisation cases of WeightedTweetsCounterTest (its emoji cases assume config v2, which counts emoji
/// per code point, so they do not apply to X today). Long repetitive texts are written as repetitions; invisible
/// characters (ZWJ, combining marks, tags) as escapes.
/// </summary>
internal static class TwitterTextConformanceCases
{
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
    private const string Poem = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。泪湿罗巾梦不成，夜深前殿按歌声。红颜未老恩先断，斜倚薰笼坐到明。独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。";
    private const string Kana = "あいうえおかきくけこ";

    public static TheoryData<string, string, int, bool> DiscountedEmoji => new()
    {
        { "Regular Tweet with url", "Hi http://test.co", 26, true },
        { "Just url", "http://test.co", 23, true },
        { "Long tweet, overflow at char index 280", "285 chars-" + Repeat("xxxxxxxxxx-", 25), 285, false },
        { "Long tweet with url in the middle, overflow at char index 284", "285 chars- http://www.twitter.com/jack " + Repeat("xxxxxxxxxx-", 24), 299, false },
        { "Long tweet with url at the end, overflow at char index 265", Repeat("xxxxxxxxxx-", 24) + " http://www.twitter.com/jack ", 289, false },
        { "10 url string, no overflow", Repeat("https://www.twitter.com/aloha ", 10), 240, true },
        { "160 CJK char, overflow at char index 140", Poem, 320, false },
        { "160 emoji char, overflow at char index 140", Repeat("\U0001F637", 160), 320, false },
        { "3 latin char + 160 CJK char, overflow at char index 141", "the" + Poem, 323, false },
        { "282 chars with a normalized character within valid range but outside 280", "282 chars-" + Repeat("xxxxxxxxxx-", 24) + "xxxxxA\u0301x", 281, false },
        { "Count a mix of single byte single word, and double word unicode characters", "H\U0001F431\u263A" + Family, 7, true },
        { "Count unicode emoji chars inside the basic multilingual plane", "\U0001F637\U0001F47E\U0001F621\U0001F525\U0001F4A9", 10, true },
        { "Count unicode emoji chars outside the basic multilingual plane with skin tone modifiers", "\U0001F64B\U0001F3FD\U0001F468\u200D\U0001F3A4", 4, true },
        {
            "Handle General Punctuation Characters with visible spaces(u2000-200A), no ZWJ/ZWNJ",
            "This is a tweet with general punctuation characters: \u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B \u2010 \u2011 \u2012 \u2013 \u2014 \u2015 \u2016  \u2017 \u2018 \u2019 \u201A \u201B \u201C \u201D \u201E \u201F \u2032 \u2033 \u2034 \u2035 \u2036 \u2037",
            110,
            true
        },
        {
            "Handle long url with invalid domain labels and short url",
            "Long url with invalid domain labels and a short url: " + LongUrl + " " + LongUrl + " " + LongUrl + " https://validurl.com",
            12079,
            false
        },
        { "Handle a 64 character domain without protocol", "randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com", 68, true },
        {
            "Do not allow > 140 CJK characters by virtue of CJK chars greater than 63 punycode encoded chars in the host",
            Repeat(Kana, 12) + " http://" + Repeat(Kana, 5) + "あいう.com",
            358,
            false
        },
        {
            "Allow > 140 CJK characters by virtue of CJK chars less than 63 punycode encoded chars in the host",
            Repeat(Kana, 12) + " http://" + Repeat(Kana, 5) + "あい.com",
            264,
            true
        },
        { "140 family emoji", Repeat(Family, 140), 280, true },
        { "Emoji with a leading character in the latin range is counted as 2", "1\u20E3", 2, true },
        {
            "Unicode 10.0 emoji",
            "Unicode 10.0 emoji: \U0001F92A; \U0001F9D5; \U0001F9D5\U0001F3FE; \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
            34,
            true
        },
        { "Unicode 9.0 emoji", "Unicode 9.0 emoji: \U0001F920; \U0001F483; \U0001F483\U0001F3FE", 29, true },
    };

    public static TheoryData<string, string, int, bool> DirectionalMarkers => new()
    {
        { "Handle invalid characters", "ABC\u202A\uFFFFABC\uFFFE", 12, false },
        { "Tweet text containing directional characters should be considered valid", "\u2066\u202Ahttp://foobar.پاکستان/\u202C\u2069", 31, true },
    };

    public static TheoryData<string, string, int, bool> Normalization => new()
    {
        { "'Á' is normalized into 1 char", "A\u0301B", 2, true },
        { "שּׁ is normalized into 3 chars", "A\uFB2C", 4, true },
    };

    private static string LongUrl => "https://" + Repeat("somesuperlongurl", 249) + ".com/foo";

    private static string Repeat(string value, int times) => string.Concat(Enumerable.Repeat(value, times));
}
