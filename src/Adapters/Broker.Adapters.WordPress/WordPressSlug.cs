using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Broker.Adapters.WordPress;

/// <summary>
/// The slug of a delivery's post: the title's words (ASCII, lower case) and a hash of the delivery id, so it is unique
/// to the delivery, WordPress keeps it as it is, and reconciliation finds the post again with <c>?slug=</c>.
/// </summary>
internal static class WordPressSlug
{
    private const int MaxWords = 60;

    public static string For(string deliveryId, string? title)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deliveryId)))[..12];
        var words = Words(title ?? string.Empty);
        return words.Length == 0 ? "berita-" + hash : words + "-" + hash;
    }

    /// <summary>Whether <paramref name="slug"/> has the form <see cref="For"/> gives (it goes into a query string).</summary>
    public static bool IsWellFormed(string slug) =>
        slug.Length is > 0 and <= 200 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string Words(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var words = text.ToString().Trim('-');
        if (words.Length > MaxWords)
        {
            var cut = words.LastIndexOf('-', MaxWords);
            words = words[..(cut > 0 ? cut : MaxWords)];
        }

        return words;
    }
}
