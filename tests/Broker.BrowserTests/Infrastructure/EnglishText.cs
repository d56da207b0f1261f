using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// The English resources' sentences that differ from the Indonesian ones: one of them on a page in Indonesian is a
/// message that missed its translation. A sentence with placeholders (<c>{0}</c>, or a message's <c>{length}</c>) is
/// matched with anything in their place, when its own words add up to 20 characters or more.
/// </summary>
public static partial class EnglishText
{
    private static readonly Lazy<IReadOnlyList<(string Sentence, Regex Pattern)>> Sentences = new(Load);

    /// <summary>The English sentences on <paramref name="page"/> when it is in Indonesian; none when it is in English.</summary>
    public static async Task<IReadOnlyList<string>> OnIndonesianPageAsync(IPage page)
    {
        if (await page.GetAttributeAsync("html", "lang") != "id")
        {
            return [];
        }

        var text = await page.InnerTextAsync("body");
        return [.. Sentences.Value.Where(s => s.Pattern.IsMatch(text)).Select(s => s.Sentence)];
    }

    private static IReadOnlyList<(string Sentence, Regex Pattern)> Load()
    {
        var resources = new ResourceManager("Broker.Pages.Text", typeof(Broker.Hosting.BrokerApp).Assembly);
        var english = resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var indonesian = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return [.. english.Cast<DictionaryEntry>()
            .Where(e => e.Value is string value && value != indonesian.GetString((string)e.Key))
            .Select(e => ((string)e.Value!).Trim())
            .Where(s => Placeholder().Replace(s, "").Length >= 20 && s.Contains(' ', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(s => (s, Pattern(s)))];
    }

    /// <summary>The sentence with each placeholder matching a short run of anything but a line break.</summary>
    private static Regex Pattern(string sentence) =>
        new(string.Join(@"[^\n]{0,200}?", Placeholder().Split(sentence).Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
