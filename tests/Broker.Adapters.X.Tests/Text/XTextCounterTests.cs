using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

public sealed class XTextCounterTests
{
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
}
