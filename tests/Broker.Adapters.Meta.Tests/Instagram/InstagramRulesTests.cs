using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Instagram;

public sealed class InstagramRulesTests
{
    private readonly IChannelAdapter adapter = TestAdapters.Instagram;

    [Fact]
    public void The_limits_are_2200_characters_and_one_to_ten_photos()
    {
        Assert.Equal(new PlatformLimits(2_200, 1, 10), adapter.Limits);
    }

    [Fact]
    public void A_post_without_a_photo_is_refused()
    {
        Assert.Contains(adapter.Check(new RenderedPost { Text = "Teks saja" }), p => p.Contains("at least one photo", StringComparison.Ordinal));
    }

    [Fact]
    public void A_png_without_a_jpeg_rendition_is_refused_with_a_reason_a_person_can_act_on()
    {
        var post = new RenderedPost { Text = "Foto", Media = [TestAdapters.Photo(contentType: "image/png")] };

        Assert.Contains("Instagram takes JPEG only", Assert.Single(adapter.Check(post)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_with_the_brokers_jpeg_rendition_is_accepted_and_judged_by_the_rendition()
    {
        var rendition = TestAdapters.Photo(length: 9L * 1024 * 1024);
        var png = TestAdapters.Photo(contentType: "image/png", length: 100_000) with { JpegRendition = rendition };

        Assert.Empty(adapter.Check(new RenderedPost { Text = "Foto", Media = [png with { JpegRendition = TestAdapters.Photo() }] }));
        Assert.Contains("8 MiB", Assert.Single(adapter.Check(new RenderedPost { Text = "Foto", Media = [png] })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1080, 1350, true)]
    [InlineData(1080, 1080, true)]
    [InlineData(1910, 1000, true)]
    [InlineData(1080, 1400, false)]
    [InlineData(2000, 1000, false)]
    public void The_aspect_ratio_must_lie_between_four_to_five_and_1_91_to_one(int width, int height, bool accepted)
    {
        var post = new RenderedPost { Text = "Foto", Media = [TestAdapters.Photo(width, height)] };

        Assert.Equal(accepted, adapter.Check(post).Count == 0);
    }

    [Fact]
    public void A_photo_of_the_wrong_shape_names_its_code_and_the_numbers_a_page_words_it_with_beside_the_english()
    {
        var post = new RenderedPost { Text = "Foto", Media = [TestAdapters.Photo(), TestAdapters.Photo(2000, 1000)] };

        var problem = Assert.Single(adapter.Diagnose(post));

        Assert.Equal(PostProblemCodes.PhotoRatio, problem.Code);
        Assert.Equal(new object[] { 2, 2000, 1000, 2.0, 0.8, 1.91, "Instagram" }, new[] { "number", "width", "height", "ratio", "min", "max", "platform" }.Select(n => problem.Arguments[n]).ToArray());
        Assert.Equal(problem.Text, Assert.Single(adapter.Check(post)));
        Assert.Contains("4:5 (portrait) to 1.91:1", problem.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_photo_over_8_mib_is_refused()
    {
        var post = new RenderedPost { Text = "Foto", Media = [TestAdapters.Photo(length: (8L * 1024 * 1024) + 1)] };

        Assert.Single(adapter.Check(post));
    }

    [Fact]
    public void Thirty_hashtags_pass_and_thirty_one_are_refused()
    {
        var thirty = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"#tag{i}"));

        Assert.Empty(adapter.Check(new RenderedPost { Text = thirty, Media = [TestAdapters.Photo()] }));
        Assert.Single(adapter.Check(new RenderedPost { Text = thirty + " #satu", Media = [TestAdapters.Photo()] }));
    }

    [Fact]
    public void A_caption_one_character_over_the_limit_is_refused()
    {
        Assert.Single(adapter.Check(new RenderedPost { Text = new string('a', 2_201), Media = [TestAdapters.Photo()] }));
    }

    [Fact]
    public void Eleven_photos_are_refused()
    {
        Assert.Single(adapter.Check(new RenderedPost { Text = "Galeri", Media = [.. Enumerable.Repeat(TestAdapters.Photo(), 11)] }));
    }
}
