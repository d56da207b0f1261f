using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// The weighted-length count as the adapter had it before its fast paths: every character through the emoji check,
/// the URLs from <see cref="RegexXUrlFinder"/>. Kept as the oracle <see cref="XTextCounter"/> must agree with.
/// </summary>
internal static class RegexXTextCounter
{
    public static int Measure(string text)
    {
        var normalized = XTextCounter.Nfc(text);
        var urls = RegexXUrlFinder.Find(normalized);
        var weight = 0;
        var nextUrl = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            if (nextUrl < urls.Count && urls[nextUrl].Start == i)
            {
                weight += XTextCounter.TransformedUrlLength;
                i += urls[nextUrl].Length;
                nextUrl++;
                continue;
            }

            var emoji = XEmoji.SequenceLength(normalized, i);
            if (emoji > 0)
            {
                weight += 2;
                i += emoji;
                continue;
            }

            var codePoint = XTextCounter.CodePointAt(normalized, i, out var width);
            weight += WeightOf(codePoint);
            i += width;
        }

        return weight;
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
