using Broker.Adapters.Graph;

namespace Broker.Adapters.Meta.Tests.Graph;

public sealed class GraphTextTests
{
    [Theory]
    [InlineData("Pemkot Bandung", 14)]
    [InlineData("👍", 1)]
    [InlineData("👍🏽", 2)]
    [InlineData("e\u0301", 2)]
    [InlineData("", 0)]
    public void Characters_are_counted_as_unicode_code_points(string text, int expected)
    {
        Assert.Equal(expected, GraphText.CountCharacters(text));
    }

    [Fact]
    public void Texts_that_differ_only_in_whitespace_are_the_same_post()
    {
        Assert.True(GraphText.SameText("  Rapat  koordinasi\r\n\r\nhari ini ", "Rapat koordinasi\n\nhari ini"));
        Assert.False(GraphText.SameText("Rapat koordinasi hari ini", "Rapat koordinasi besok"));
    }
}
