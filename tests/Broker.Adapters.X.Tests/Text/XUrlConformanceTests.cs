using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// The URL finder and the weighted count against twitter-text's conformance cases (<see cref="TwitterTextUrlCases"/>),
/// and the regular-expression oracle against the same cases, so the oracle the random tests trust is itself held to
/// data nobody here wrote.
/// </summary>
public sealed class XUrlConformanceTests
{
    public static TheoryData<string> Cases => TwitterTextUrlCases.Descriptions;

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_finder_finds_the_urls_twitter_text_s_conformance_case_expects(string description)
    {
        var conformance = TwitterTextUrlCases.All[description];

        AssertSpans(conformance, XUrlFinder.Find(conformance.Text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_regular_expression_oracle_finds_the_urls_twitter_text_s_conformance_case_expects(string description)
    {
        var conformance = TwitterTextUrlCases.All[description];

        AssertSpans(conformance, RegexXUrlFinder.Find(conformance.Text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_url_of_a_conformance_case_weighs_23_and_the_text_around_it_weighs_what_its_characters_weigh(string description)
    {
        var conformance = TwitterTextUrlCases.All[description];
        var expected = 0;
        var at = 0;
        foreach (var (start, length) in conformance.Spans())
        {
            expected += PlainWeight(conformance.Text[at..start]) + XTextCounter.TransformedUrlLength;
            at = start + length;
        }

        expected += PlainWeight(conformance.Text[at..]);

        Assert.Equal(expected, XTextCounter.Measure(conformance.Text));
    }

    /// <summary>validate.yml, section <c>lengths</c>: the cases whose count config v3 leaves as config v1 had it (ASCII and URLs).</summary>
    [Theory]
    [InlineData("This is a test.", 15)]
    [InlineData("http://test.com", 23)]
    [InlineData("https://test.com", 23)]
    [InlineData("test.com", 23)]
    [InlineData("Test https://test.com test https://test.com test.com test", 86)]
    public void Urls_with_and_without_protocol_count_23_as_in_twitter_text_s_length_cases(string text, int expected)
    {
        Assert.Equal(expected, XTextCounter.Measure(text));
    }

    /// <summary>
    /// What the characters outside URLs weigh under twitter-text config v3 (these cases hold no emoji): 1 for code points
    /// in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037, 2 for any other.
    /// </summary>
    private static int PlainWeight(string text) => text.EnumerateRunes().Sum(rune => rune.Value switch
    {
        <= 0x10FF or (>= 0x2000 and <= 0x200D) or (>= 0x2010 and <= 0x201F) or (>= 0x2032 and <= 0x2037) => 1,
        _ => 2,
    });

    private static void AssertSpans(UrlCase conformance, IReadOnlyList<XUrlSpan> found)
    {
        var expected = conformance.Spans().Select(s => conformance.Text.Substring(s.Start, s.Length) + "@" + s.Start);
        var actual = found.Select(s => conformance.Text.Substring(s.Start, s.Length) + "@" + s.Start);
        Assert.Equal(expected, actual);
    }
}
