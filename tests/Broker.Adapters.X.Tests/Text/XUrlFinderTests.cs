using System.Text.RegularExpressions;
using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

public sealed class XUrlFinderTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    public static TheoryData<string> Pathologies => [.. PathologicalTexts.Keys];

    public static TheoryData<string> CharacterClasses => [.. ClassPairs.Keys];

    private static Dictionary<string, Func<int, string>> PathologicalTexts => new()
    {
        ["labels with no TLD"] = n => Repeat("a.", n),
        ["labels ending in a TLD"] = n => Repeat("a.", n) + "com",
        ["labels with underscores ending in a TLD"] = n => Repeat("a_a.", n) + "id/x",
        ["one long label of letters that may precede a URL"] = n => Repeat("é", n) + ".com",
        ["one long label of hyphenated parts"] = n => Repeat("a-", n) + "a.com",
        ["one long label of underscored parts"] = n => Repeat("a_", n) + "a.com",
        ["protocols"] = n => Repeat("http://", n) + "x.com",
        ["protocols before labels"] = n => Repeat("https://é.", n),
        ["domains and TLDs"] = n => Repeat("a.com.", n),
        ["bare domains under a subdomain with an underscore"] = n => Repeat("a_b.é.", n) + "co",
        ["TLDs followed by letters"] = n => Repeat("x.comé.", n) + "idé",
        ["parentheses in a path"] = n => "https://x.com/" + Repeat("(a", n) + Repeat(")", n),
        ["a long query"] = n => "x.co?" + Repeat("a=b&.", n),
        ["Cyrillic TLDs"] = n => Repeat("пример.рф.", n) + "РФ",
    };

    private static Dictionary<string, (Func<char, bool> Finder, string Pattern)> ClassPairs => new()
    {
        ["domain"] = (XUrlChars.IsDomain, RegexXUrlFinder.DomainChar),
        ["path"] = (XUrlChars.IsPath, RegexXUrlFinder.PathChars),
        ["path end"] = (XUrlChars.IsPathEnd, RegexXUrlFinder.PathEndChars),
        ["query"] = (XUrlChars.IsQuery, RegexXUrlFinder.QueryChars),
        ["query end"] = (XUrlChars.IsQueryEnd, RegexXUrlFinder.QueryEndChars),
        ["bare domain"] = (XUrlChars.IsAsciiDomain, $@"[\-a-z0-9{RegexXUrlFinder.LatinAccents}]"),
        ["before a URL"] = (XUrlChars.MayPrecedeUrl, @"[^a-z0-9@\uFF20$#\uFF03\uFFFE\uFEFF\uFFFF]"),
        ["after a TLD"] = (XUrlChars.MayFollowTld, @"[^0-9a-z@]"),
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_finder_finds_what_the_regular_expression_finds_in_random_texts(int seed)
    {
        var generator = new UrlTextGenerator(seed);
        for (var i = 0; i < 5_000; i++)
        {
            AssertSameUrls(generator.Next(maxParts: 40));
        }
    }

    [Theory]
    [MemberData(nameof(Pathologies))]
    public void The_finder_finds_what_the_regular_expression_finds_in_texts_with_many_dots(string pathology)
    {
        foreach (var n in new[] { 1, 2, 3, 5, 40 })
        {
            var text = PathologicalTexts[pathology](n);
            AssertSameUrls(text);
            AssertSameUrls("Lihat " + text + ". Terima kasih");
        }
    }

    [Theory]
    [MemberData(nameof(Pathologies))]
    public void The_finder_takes_linear_time_on_long_words_with_many_dots(string pathology)
    {
        // 200,000 characters: linear work steps over each a few times; trying the labels again at every start would
        // step over them some 10^10 times (minutes). Counted, not timed: the count is the same on any machine.
        var text = PathologicalTexts[pathology](1);
        text = PathologicalTexts[pathology](200_000 / text.Length);
        XUrlMatcher.StepsTaken = 0;

        XUrlFinder.Find(text);

        Assert.InRange(XUrlMatcher.StepsTaken, 0, 8L * text.Length);
    }

    [Fact]
    public void The_steps_the_linear_time_test_holds_down_are_counted()
    {
        const string text = "Lihat sub.domain.example.go.id/berita dan www.example.com";
        XUrlMatcher.StepsTaken = 0;

        XUrlFinder.Find(text);

        Assert.InRange(XUrlMatcher.StepsTaken, text.Length / 2, 8L * text.Length);
    }

    [Theory]
    [MemberData(nameof(CharacterClasses))]
    public void Each_character_class_holds_what_the_regular_expression_class_holds(string name)
    {
        var (finder, pattern) = ClassPairs[name];
        var regex = new Regex($"^{pattern}$", RegexXUrlFinder.Options);
        var differences = Enumerable.Range(0, char.MaxValue + 1)
            .Select(c => (char)c)
            .Where(c => finder(c) != regex.IsMatch(c.ToString()))
            .Select(c => $"U+{(int)c:X4}")
            .ToList();

        Assert.True(differences.Count == 0, $"{name}: {string.Join(", ", differences.Take(20))}");
    }

    [Fact]
    public void A_character_matches_a_tld_letter_in_any_case_exactly_when_its_lower_case_is_that_letter()
    {
        var letters = XTopLevelDomains.All.SelectMany(t => t).Distinct().ToHashSet();
        var anyLetter = new Regex($"^[{string.Concat(letters.Select(c => $@"\u{(int)c:X4}"))}]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var differences = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = ((char)c).ToString();
            var lower = char.ToLowerInvariant((char)c);
            var matchesLower = letters.Contains(lower) && Regex.IsMatch(text, $@"^\u{(int)lower:X4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (anyLetter.IsMatch(text) != matchesLower)
            {
                differences.Add($"U+{c:X4}");
            }
        }

        // And no two TLD letters are case partners, so a character never stands for two of them.
        var partners = letters.Where(c => letters.Count(other => Regex.IsMatch(other.ToString(), $@"^\u{(int)c:X4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) != 1);

        Assert.True(differences.Count == 0, string.Join(", ", differences.Take(20)));
        Assert.Empty(partners);
    }

    private static void AssertSameUrls(string text)
    {
        var expected = RegexXUrlFinder.Find(text);
        var found = XUrlFinder.Find(text);
        Assert.True(expected.SequenceEqual(found), $"In \"{UrlTextGenerator.Escape(text)}\": expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
    }

    private static string Repeat(string value, int times) => string.Concat(Enumerable.Repeat(value, times));
}
