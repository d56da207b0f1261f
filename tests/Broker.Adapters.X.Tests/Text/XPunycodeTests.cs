using System.Globalization;
using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

public sealed class XPunycodeTests
{
    /// <summary>Encodings from RFC 3492 section 7.1 (sample B, Chinese) and from common use.</summary>
    [Theory]
    [InlineData("pemkot", 6)]
    [InlineData("münchen", 14)] // xn--mnchen-3ya
    [InlineData("bücher", 13)] // xn--bcher-kva
    [InlineData("\U0001F4A9", 8)] // xn--ls8h, twitter-text's I18N conformance case
    [InlineData("\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", 28)] // xn--ihqwcrb4cv8a8dqg056pqjye
    public void A_label_is_as_long_as_its_published_punycode(string label, int expected)
    {
        Assert.Equal(expected, XPunycode.EncodedLength(label));
    }

    [Fact]
    public void Labels_idna_leaves_unmapped_are_as_long_as_dotnet_punycodes_them()
    {
        var random = new Random(7);
        const string alphabet = "abcxyz019-éüñøあいう中文москва\u0E44\u0E17\u0E22";
        var idn = new IdnMapping();
        for (var i = 0; i < 2_000; i++)
        {
            var label = "a" + string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => alphabet[random.Next(alphabet.Length)])) + "z";
            var dotnet = idn.GetAscii(label);
            Assert.True(dotnet.Length == XPunycode.EncodedLength(label), $"{label}: {dotnet}");
        }
    }
}
