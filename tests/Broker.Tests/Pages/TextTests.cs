using System.Globalization;
using System.Resources;

namespace Broker.Tests.Pages;

/// <summary>The pages' words (Pages/Text.resx in Indonesian, Text.en.resx in English) come in pairs.</summary>
public sealed class TextTests
{
    [Fact]
    public void Every_page_word_has_an_english_translation_and_nothing_english_is_left_untranslated()
    {
        var manager = new ResourceManager("Broker.Pages.Text", typeof(Broker.Hosting.BrokerApp).Assembly);
        var indonesian = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var english = manager.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

        Assert.Equal(indonesian.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        Assert.All(indonesian, e => Assert.Equal(e.Value.Count(c => c == '{'), english[e.Key].Count(c => c == '{')));
    }
}
