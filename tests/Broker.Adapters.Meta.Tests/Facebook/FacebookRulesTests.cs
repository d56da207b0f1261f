using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Facebook;

public sealed class FacebookRulesTests
{
    private readonly IChannelAdapter adapter = TestAdapters.Facebook;

    [Fact]
    public void The_limits_are_facebooks_text_length_and_our_ten_photos()
    {
        Assert.Equal(new PlatformLimits(63_206, 0, 10), adapter.Limits);
    }

    [Fact]
    public void A_text_of_exactly_the_limit_passes_and_one_more_character_is_refused()
    {
        Assert.Empty(adapter.Check(new RenderedPost { Text = new string('a', 63_206) }));
        Assert.Single(adapter.Check(new RenderedPost { Text = new string('a', 63_207) }));
    }

    [Fact]
    public void An_emoji_counts_as_one_character()
    {
        Assert.Equal(5, adapter.MeasureText("Halo🙂"));
    }

    [Fact]
    public void Eleven_photos_are_refused()
    {
        var post = new RenderedPost { Text = "Galeri", Media = [.. Enumerable.Repeat(TestAdapters.Photo(), 11)] };

        Assert.Contains(adapter.Check(post), problem => problem.Contains("at most 10 photos", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_post_is_refused()
    {
        Assert.Single(adapter.Check(new RenderedPost { Text = " " }));
    }

    [Fact]
    public void A_photo_over_four_megabytes_is_refused()
    {
        var post = new RenderedPost { Text = "Foto", Media = [TestAdapters.Photo(length: 4_500_000)] };

        Assert.Single(adapter.Check(post));
    }

    [Fact]
    public void Credentials_need_an_access_token()
    {
        Assert.Single(adapter.CheckCredentials(new Dictionary<string, string>()));
        Assert.Empty(adapter.CheckCredentials(new Dictionary<string, string> { ["accessToken"] = "EAAB" }));
    }
}
