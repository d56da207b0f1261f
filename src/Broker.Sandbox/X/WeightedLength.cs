using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Broker.Sandbox.X;

/// <summary>twitter-text v3 weighted length, simplified: http(s) URLs count 23, emoji clusters 2, light ranges 1, others 2.</summary>
internal static partial class WeightedLength
{
    private const int UrlWeight = 23;

    public static int Of(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var length = 0;
        var last = 0;
        foreach (Match url in Url().Matches(normalized))
        {
            length += OfPlain(normalized[last..url.Index]) + UrlWeight;
            last = url.Index + url.Length;
        }

        return length + OfPlain(normalized[last..]);
    }

    private static int OfPlain(string text)
    {
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var runes = element.EnumerateRunes().ToList();
            if (runes.Count > 1 && runes.Any(r => r.Value >= 0x1F000 || r.Value == 0x200D || r.Value == 0xFE0F))
            {
                length += 2;
                continue;
            }

            length += runes.Sum(r => IsLight(r.Value) ? 1 : 2);
        }

        return length;
    }

    private static bool IsLight(int codePoint) =>
        codePoint is (>= 0x0000 and <= 0x10FF) or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037);

    [GeneratedRegex(@"https?://[^\s]+?(?=[.,!?;:)\]'""]*(\s|$))", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
