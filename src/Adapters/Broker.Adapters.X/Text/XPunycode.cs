namespace Broker.Adapters.X.Text;

/// <summary>
/// The length of a domain label once punycoded as twitter-text does it (<c>punycode.toASCII</c>, RFC 3492): the label
/// itself when it is all ASCII, else <c>xn--</c>, its ASCII characters and a hyphen, and the encoded rest. No IDNA
/// mapping first (no case folding, no NFKC, no refused code points): .NET's <c>IdnMapping</c> maps and refuses, and so
/// would call a URL invalid that X links.
/// </summary>
internal static class XPunycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;

    /// <summary>How long <paramref name="label"/> is once punycoded.</summary>
    public static int EncodedLength(ReadOnlySpan<char> label)
    {
        var codePoints = new List<int>(label.Length);
        var basic = 0;
        for (var i = 0; i < label.Length; i++)
        {
            var pair = char.IsHighSurrogate(label[i]) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1]);
            var codePoint = pair ? char.ConvertToUtf32(label[i], label[++i]) : label[i];
            basic += codePoint < 0x80 ? 1 : 0;
            codePoints.Add(codePoint);
        }

        return basic == codePoints.Count ? basic : "xn--".Length + (basic > 0 ? basic + 1 : 0) + DeltaDigits(codePoints, basic);
    }

    /// <summary>How many digits the encoder writes for the code points past ASCII (RFC 3492, section 6.3).</summary>
    private static int DeltaDigits(List<int> codePoints, int basic)
    {
        var (next, delta, bias, handled, digits) = (0x80, 0L, 72, basic, 0);
        while (handled < codePoints.Count)
        {
            var smallest = int.MaxValue;
            foreach (var codePoint in codePoints)
            {
                smallest = codePoint >= next && codePoint < smallest ? codePoint : smallest;
            }

            delta += (long)(smallest - next) * (handled + 1);
            next = smallest;
            foreach (var codePoint in codePoints)
            {
                if (codePoint < next)
                {
                    delta++;
                }
                else if (codePoint == next)
                {
                    digits += DigitCount(delta, bias);
                    bias = Adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }

            delta++;
            next++;
        }

        return digits;
    }

    /// <summary>How many digits the variable-length integer <paramref name="delta"/> takes at <paramref name="bias"/>.</summary>
    private static int DigitCount(long delta, int bias)
    {
        var count = 1;
        for (var k = Base; ; k += Base, count++)
        {
            var threshold = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
            if (delta < threshold)
            {
                return count;
            }

            delta = (delta - threshold) / (Base - threshold);
        }
    }

    private static int Adapt(long delta, int points, bool first)
    {
        delta = first ? delta / 700 : delta / 2;
        delta += delta / points;
        var k = 0;
        while (delta > (Base - TMin) * TMax / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return (int)(k + ((Base - TMin + 1) * delta / (delta + 38)));
    }
}
