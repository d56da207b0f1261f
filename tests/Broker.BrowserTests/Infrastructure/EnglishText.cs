using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// The English resources' sentences that differ from the Indonesian ones (the longest piece between placeholders, 20
/// characters or more): one of them on a page in Indonesian is a message that missed its translation.
/// </summary>
public static partial class EnglishText
{
    private static readonly Lazy<IReadOnlyList<string>> Sentences = new(Load);

    /// <summary>The English sentences on <paramref name="page"/> when it is in Indonesian; none when it is in English.</summary>
    public static async Task<IReadOnlyList<string>> OnIndonesianPageAsync(IPage page)
    {
        if (await page.GetAttributeAsync("html", "lang") != "id")
        {
            return [];
        }

        var text = await page.InnerTextAsync("body");
        return [.. Sentences.Value.Where(s => text.Contains(s, StringComparison.Ordinal))];
    }

    private static IReadOnlyList<string> Load()
    {
        var resources = new ResourceManager("Broker.Pages.Text", typeof(Broker.Hosting.BrokerApp).Assembly);
        var english = resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;
        var indonesian = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        return [.. english.Cast<DictionaryEntry>()
            .Where(e => e.Value is string value && value != indonesian.GetString((string)e.Key))
            .Select(e => Placeholder().Split((string)e.Value!).MaxBy(p => p.Length)!.Trim())
            .Where(s => s.Length >= 20 && s.Contains(' ', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
