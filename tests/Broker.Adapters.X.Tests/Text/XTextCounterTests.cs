using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

public sealed class XTextCounterTests
{
    public static TheoryData<int> Seeds => [11, 12, 13];

    [Theory]
    [MemberData(nameof(TwitterTextConformanceCases.DiscountedEmoji), MemberType = typeof(TwitterTextConformanceCases))]
    [MemberData(nameof(TwitterTextConformanceCases.DirectionalMarkers), MemberType = typeof(TwitterTextConformanceCases))]
    [MemberData(nameof(TwitterTextConformanceCases.Normalization), MemberType = typeof(TwitterTextConformanceCases))]
    public void The_weighted_length_matches_twitter_text_conformance(string description, string text, int expected)
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
