using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Rendering;

/// <summary>A limit breach is an error at preview and approval time, never a surprise at publish time.</summary>
public sealed class PlatformLimitTests
{
    [Fact]
    public async Task The_preview_shows_each_channels_exact_text_and_its_length_against_the_limit()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram, x], [photo], title: "Judul", link: "https://portal.example.go.id/a");

        var previews = (await scenario.Api.GetJsonAsync($"/api/items/{id}/preview")).AsArray();
        var xPreview = previews.Single(p => p!.Str("platform") == "x")!;
        Assert.Equal("Judul\nhttps://portal.example.go.id/a", xPreview.Str("text"));
        Assert.Equal(5 + 1 + 23, xPreview["length"]!.GetValue<int>());
        Assert.Equal(280, xPreview["limit"]!.GetValue<int>());
        Assert.Empty(xPreview["problems"]!.AsArray());
        Assert.Equal(63_206, previews.Single(p => p!.Str("platform") == "facebook")!["limit"]!.GetValue<int>());
        Assert.Equal(2_200, previews.Single(p => p!.Str("platform") == "instagram")!["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Approving_an_item_whose_x_text_is_too_long_is_refused_with_the_reason()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, _, x) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [x], title: new string('a', 270));

        var preview = Assert.Single((await scenario.Api.GetJsonAsync($"/api/items/{id}/preview")).AsArray())!;
        Assert.Equal(270 + 1 + 23, preview["length"]!.GetValue<int>());
        Assert.NotEmpty(preview["problems"]!.AsArray());

        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 422);
        var reasons = refused["errors"]![$"accounts[{x}]"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains(reasons, r => r.Contains("294", StringComparison.Ordinal) && r.Contains("280", StringComparison.Ordinal));

        var item = await scenario.ItemAsync(id);
        Assert.Equal("submitted", item.Str("status"));
        Assert.Empty(item["deliveries"]!.AsArray());
    }

    [Fact]
    public async Task Approving_an_instagram_item_without_a_photo_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [instagram]);
        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 422);
        Assert.Contains("photo", refused["errors"]![$"accounts[{instagram}]"]![0]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Approving_an_instagram_caption_with_too_many_hashtags_or_characters_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync();
        var tags = string.Join(' ', Enumerable.Range(1, 31).Select(i => $"#tag{i}"));
        var hashtags = await scenario.SubmitItemAsync("diskominfo", [instagram], [photo], body: tags);
        var refusedTags = await scenario.Api.PostExpectAsync($"/api/items/{hashtags}/approve", null, 422);
        Assert.Contains("hashtag", refusedTags.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var longCaption = await scenario.SubmitItemAsync("diskominfo", [instagram], [photo], body: new string('k', 2_300));
        var refusedLength = await scenario.Api.PostExpectAsync($"/api/items/{longCaption}/approve", null, 422);
        Assert.Contains("2200", refusedLength.ToJsonString().Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_facebook_post_longer_than_63206_characters_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook], body: new string('f', 64_000));
        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 422);
        Assert.NotNull(refused["errors"]![$"accounts[{facebook}]"]);
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
    }
}
