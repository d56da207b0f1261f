using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

public sealed class XTextCounterTests
{
    public static TheoryData<int> Seeds => [11, 12, 13];

    [Theory]
    [MemberData(nameof(TwitterTextConformanceCases.DiscountedEmoji), MemberType = typeof(TwitterTextConformanceCases))]
    [MemberData(nameof(TwitterTextConformanceCases.DirectionalMarkers), MemberType = typeof(TwitterTextConformanceCases))]
    [MemberData(nameof(TwitterTextConformanceCases.Normalization), MemberType = typeof(TwitterTextConformanceCases))]
    public void The_weighted_length_and_validity_match_twitter_text_conformance(string description, string text, int expected, bool valid)
    {
        Assert.True(expected == XTextCounter.Measure(text), $"{description}: expected {expected}, measured {XTextCounter.Measure(text)}");
        Assert.True(valid == XTextCounter.IsValid(text), $"{description}: expected valid = {valid}");
    }

    [Fact]
    public void Emoji_chained_by_zero_width_joiners_into_no_known_sequence_count_one_by_one_with_their_joiners()
    {
        var chain = string.Join('\u200D', Enumerable.Repeat("\U0001F600", 40));

        Assert.Equal(180 + (40 * 2) + 39, XTextCounter.Measure(new string('a', 180) + chain));
    }

    /// <summary>
    /// What twitter-text 3.1 counts, worked out from its emoji pattern (TwitterTextEmojiRegex): only the sequences
    /// the pattern knows weigh 2 together; the parts of any other sequence weigh what they weigh alone.
    /// </summary>
    [Theory]
    [InlineData("family, joiner, family", "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466\u200D\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", 5)]
    [InlineData("men holding hands, one skin tone (not a known sequence)", "\U0001F468\U0001F3FB\u200D\U0001F91D\u200D\U0001F468\U0001F3FB", 8)]
    [InlineData("woman and man holding hands, two skin tones", "\U0001F469\U0001F3FB\u200D\U0001F91D\u200D\U0001F468\U0001F3FF", 2)]
    [InlineData("people holding hands", "\U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1", 2)]
    [InlineData("kiss: woman, man", "\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F468", 2)]
    [InlineData("man technologist, medium skin tone", "\U0001F468\U0001F3FD\u200D\U0001F4BB", 2)]
    [InlineData("man raising hand, medium skin tone", "\U0001F64B\U0001F3FD\u200D\u2642\uFE0F", 2)]
    [InlineData("woman golfing", "\U0001F3CC\uFE0F\u200D\u2640\uFE0F", 2)]
    [InlineData("mx claus (newer than the pattern): person, joiner, tree", "\U0001F9D1\u200D\U0001F384", 5)]
    [InlineData("rainbow flag", "\U0001F3F3\uFE0F\u200D\U0001F308", 2)]
    [InlineData("rainbow flag without its selector: flag, joiner, rainbow", "\U0001F3F3\u200D\U0001F308", 5)]
    [InlineData("eye in speech bubble, fully qualified: the pattern knows only the bare form", "\U0001F441\uFE0F\u200D\U0001F5E8\uFE0F", 5)]
    [InlineData("flag of Scotland (tag sequence)", "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 2)]
    [InlineData("flag of Texas (unknown tag sequence): black flag, then five tags", "\U0001F3F4\U000E0075\U000E0073\U000E0074\U000E0078\U000E007F", 12)]
    [InlineData("flag of Indonesia", "\U0001F1EE\U0001F1E9", 2)]
    [InlineData("two regional indicators that are no flag", "\U0001F1E6\U0001F1E6", 4)]
    [InlineData("a flag and a lone regional indicator", "\U0001F1EE\U0001F1E9\U0001F1EE", 4)]
    [InlineData("keycap one", "1\uFE0F\u20E3", 2)]
    [InlineData("keycap number sign without selector", "#\u20E3", 2)]
    [InlineData("digit and selector without keycap", "1\uFE0F", 3)]
    [InlineData("copyright sign as emoji", "\u00A9\uFE0F", 2)]
    [InlineData("heart with text selector", "\u2764\uFE0E", 4)]
    [InlineData("heart with emoji selector", "\u2764\uFE0F", 2)]
    [InlineData("grinning face with a selector it does not take", "\U0001F600\uFE0F", 4)]
    [InlineData("thumbs up, medium skin tone", "\U0001F44D\U0001F3FD", 2)]
    [InlineData("grinning face with a skin tone it does not take", "\U0001F600\U0001F3FD", 4)]
    [InlineData("index pointing up, selector, skin tone", "\u261D\uFE0F\U0001F3FB", 2)]
    public void Emoji_count_2_exactly_where_twitter_text_s_emoji_pattern_matches(string description, string text, int expected)
    {
        Assert.True(expected == XTextCounter.Measure(text), $"{description}: expected {expected}, measured {XTextCounter.Measure(text)}");
    }

    [Theory]
    [InlineData("Info: https://surabaya.go.id/berita/123", 6 + 23)]
    [InlineData("Info: surabaya.go.id", 6 + 23)]
    [InlineData("Lihat example.com sekarang", 6 + 23 + 9)]
    [InlineData("go.id", 5)]
    [InlineData("go.id/berita", 23)]
    [InlineData("Baca di https://pemkot.go.id/berita.", 8 + 23 + 1)]
    [InlineData("(lihat https://x.com/a_b)", 7 + 23 + 1)]
    [InlineData("Selesai.Besok kita rapat", 24)]
    [InlineData("email: humas@pemkot.go.id", 25)]
    [InlineData("\u2764\uFE0F", 2)]
    [InlineData("\U0001F1EE\U0001F1E9", 2)]
    [InlineData("\U0001F3F3\uFE0F\u200D\U0001F308", 2)]
    [InlineData("Rp 10.000", 9)]
    [InlineData("©", 1)]
    public void Urls_emoji_and_indonesian_text_are_counted_as_x_counts_them(string text, int expected)
    {
        Assert.Equal(expected, XTextCounter.Measure(text));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_weighted_length_of_random_texts_is_what_the_regular_expression_based_count_gave(int seed)
    {
        var generator = new UrlTextGenerator(seed);
        for (var i = 0; i < 2_000; i++)
        {
            var text = generator.Next(maxParts: 40);
            var (expected, measured) = (RegexXTextCounter.Measure(text), XTextCounter.Measure(text));
            Assert.True(expected == measured, $"In \"{UrlTextGenerator.Escape(text)}\": expected {expected}, measured {measured}");
        }
    }
}
