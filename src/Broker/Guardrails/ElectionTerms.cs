using System.Globalization;
using System.Text;

namespace Broker.Guardrails;

/// <summary>
/// Finds a period's terms in a text as a reader would: case and diacritics do not matter ("José" is "jose"), and a term
/// matches whole words only, so a ballot number "2" is found in "nomor 2" but not in "2026" or "A2".
/// </summary>
public static class ElectionTerms
{
    /// <summary>The terms of <paramref name="terms"/> found in <paramref name="text"/>, each once, in the given order.</summary>
    public static IReadOnlyList<string> Find(string? text, IEnumerable<string> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var haystack = Normalize(text);
        return [.. terms.Where(t => Contains(haystack, Normalize(t))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Lower case, compatibility-decomposed, combining marks removed, runs of white space made one space.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && kept.Length > 0)
            {
                kept.Append(' ');
            }

            space = false;
            kept.Append(char.ToLowerInvariant(c));
        }

        return kept.ToString();
    }

    private static bool Contains(string haystack, string term)
    {
        if (term.Length == 0)
        {
            return false;
        }

        for (var at = haystack.IndexOf(term, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            var end = at + term.Length;
            if (!IsWordPart(haystack, at - 1) && !IsWordPart(haystack, end))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordPart(string text, int index) => index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]);
}
