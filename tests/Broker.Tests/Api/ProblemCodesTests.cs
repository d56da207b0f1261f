using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Broker.Api;
using Broker.Pages;

namespace Broker.Tests.Api;

/// <summary>Every problem and message code has its words in Indonesian and in English.</summary>
public sealed class ProblemCodesTests
{
    [Fact]
    public void Every_problem_code_has_its_own_indonesian_and_english_words()
    {
        var indonesian = Text.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        var missing = ProblemCodes.All
            .Where(code => Missing(indonesian, code) || Missing(english, code) || indonesian.GetString(ProblemText.Prefix + code) == english.GetString(ProblemText.Prefix + code))
            .ToList();

        Assert.True(ProblemCodes.All.Count > 20, $"only {ProblemCodes.All.Count} codes were found by reflection");
        Assert.Equal(ProblemCodes.All.Count, ProblemCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.True(missing.Count == 0, "Codes without both translations: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_message_code_has_indonesian_and_english_words_with_the_same_placeholders()
    {
        var indonesian = Text.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var english = Text.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: false)!;

        var broken = MessageCodes.All
            .Select(code => (Code: code, Id: indonesian.GetString(MessageText.ResourceName(code)), En: english.GetString(MessageText.ResourceName(code))))
            .Where(m => string.IsNullOrWhiteSpace(m.Id) || string.IsNullOrWhiteSpace(m.En) || m.Id == m.En || !Placeholders(m.Id).SetEquals(Placeholders(m.En)))
            .Select(m => m.Code)
            .ToList();

        Assert.Contains(Adapters.PostProblemCodes.PhotoRatio, MessageCodes.All);
        Assert.All(DeliveryReasonCodesStored(), code => Assert.Contains(code, MessageCodes.All));
        Assert.True(MessageCodes.All.Count > 40, $"only {MessageCodes.All.Count} message codes were found by reflection");
        Assert.Equal(MessageCodes.All.Count, MessageCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.True(broken.Count == 0, "Message codes without both translations, or whose placeholders differ: " + string.Join(", ", broken));
    }

    private static IEnumerable<string> DeliveryReasonCodesStored() => typeof(Dispatch.DeliveryReasonCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!);

    private static HashSet<string> Placeholders(string text) => [.. Regex.Matches(text, @"\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value)];

    private static bool Missing(ResourceSet set, string code) => string.IsNullOrWhiteSpace(set.GetString(ProblemText.Prefix + code));
}
