using System.Globalization;
using System.Resources;
using Broker.Api;
using Broker.Pages;

namespace Broker.Tests.Api;

/// <summary>Every problem names a stable code, and every code has its words in Indonesian and in English.</summary>
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

    private static bool Missing(ResourceSet set, string code) => string.IsNullOrWhiteSpace(set.GetString(ProblemText.Prefix + code));
}
