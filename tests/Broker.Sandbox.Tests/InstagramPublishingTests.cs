using System.Net;
using System.Text.Json.Nodes;

namespace Broker.Sandbox.Tests;

public sealed class InstagramPublishingTests
{
    private const string User = "17841400000000001";
    private const string Token = "ig-token";

    private static string Status(JsonNode? container) => container!["status_code"]!.GetValue<string>();

    [Fact]
    public async Task A_container_is_in_progress_for_one_poll_then_finished_and_publishes_once()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (_, created) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1080)), ("caption", "Halo"), ("access_token", Token));
        var container = created!["id"]!.GetValue<string>();

        var (_, first) = await h.GetAsync($"graph/v25.0/{container}?fields=status_code,status&access_token={Token}");
        var (_, second) = await h.GetAsync($"graph/v25.0/{container}?fields=status_code,status&access_token={Token}");
        var (published, media) = await h.PostFormAsync($"graph/v25.0/{User}/media_publish?creation_id={container}", ("access_token", Token));
        var (_, after) = await h.GetAsync($"graph/v25.0/{container}?fields=status_code&access_token={Token}");
        var mediaId = media!["id"]!.GetValue<string>();
        var (_, read) = await h.GetAsync($"graph/v25.0/{mediaId}?fields=id,permalink,caption,timestamp&access_token={Token}");
        var (_, list) = await h.GetAsync($"graph/v25.0/{User}/media?fields=id,caption,timestamp,permalink&access_token={Token}");
        var (_, quota) = await h.GetAsync($"graph/v25.0/{User}/content_publishing_limit?fields=quota_usage,config&access_token={Token}");
        var (again, refused) = await h.PostFormAsync($"graph/v25.0/{User}/media_publish?creation_id={container}", ("access_token", Token));

        Assert.Equal(["IN_PROGRESS", "FINISHED", "PUBLISHED"], new[] { Status(first), Status(second), Status(after) });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Matches("^https://www.instagram.com/p/[A-Za-z0-9_-]+/$", read!["permalink"]!.GetValue<string>());
        Assert.Equal("Halo", read["caption"]!.GetValue<string>());
        Assert.Equal(mediaId, list!["data"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, quota!["data"]![0]!["quota_usage"]!.GetValue<int>());
        Assert.Equal(50, quota["data"]![0]!["config"]!["quota_total"]!.GetValue<int>());
        Assert.Equal(86400, quota["data"]![0]!["config"]!["quota_duration"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.NotNull(refused!["error"]);
        Assert.Single(h.Sandbox.State.Posts("instagram", User));
    }

    [Fact]
    public async Task Publishing_a_container_that_is_not_finished_is_refused()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (_, created) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1350)), ("access_token", Token));

        var (response, body) = await h.PostFormAsync($"graph/v25.0/{User}/media_publish", ("creation_id", created!["id"]!.GetValue<string>()), ("access_token", Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(9007, body!["error"]!["code"]!.GetValue<int>());
        Assert.Empty(h.Sandbox.State.Posts("instagram"));
    }

    [Fact]
    public async Task A_carousel_on_the_instagram_host_publishes_its_children_as_one_post()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.InstagramInProgressPolls = 0);
        var children = new List<string>();
        foreach (var width in new[] { 1080, 1200, 1350 })
        {
            var (_, child) = await h.PostFormAsync($"instagram/v25.0/{User}/media", ("image_url", h.Image(width, 1080)), ("is_carousel_item", "true"), ("access_token", Token));
            children.Add(child!["id"]!.GetValue<string>());
        }

        var (_, carousel) = await h.PostFormAsync($"instagram/{User}/media", ("media_type", "CAROUSEL"), ("children", string.Join(",", children)), ("caption", "Album"), ("access_token", Token));
        var (_, published) = await h.PostFormAsync($"instagram/{User}/media_publish", ("creation_id", carousel!["id"]!.GetValue<string>()), ("access_token", Token));
        var (tooFew, _) = await h.PostFormAsync($"instagram/{User}/media", ("media_type", "CAROUSEL"), ("children", children[0]), ("access_token", Token));

        var post = h.Sandbox.State.Posts("instagram", User).Single();
        Assert.Equal(published!["id"]!.GetValue<string>(), post.Id);
        Assert.Equal(("CAROUSEL_ALBUM", 3, "Album"), (post.Kind, post.MediaCount, post.Text));
        Assert.Equal(HttpStatusCode.BadRequest, tooFew.StatusCode);
    }

    [Theory]
    [InlineData(1080, 1920, 36003, 2207009)]
    [InlineData(2000, 1000, 36003, 2207009)]
    public async Task An_image_outside_the_allowed_aspect_ratios_is_refused(int width, int height, int code, int subcode)
    {
        await using var h = await SandboxHarness.StartAsync();
        var (response, body) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(width, height)), ("access_token", Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((code, subcode), (body!["error"]!["code"]!.GetValue<int>(), body["error"]!["error_subcode"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Images_that_are_not_jpeg_too_large_or_unreachable_are_refused_with_their_codes()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.InstagramMaxImageBytes = 200_000);
        var (_, png) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1080, "png")), ("access_token", Token));
        var (_, large) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1080) + "?bytes=300000"), ("access_token", Token));
        var (_, missing) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", $"{h.Address}/_sandbox/files/nothing"), ("access_token", Token));

        Assert.Equal(2207005, png!["error"]!["error_subcode"]!.GetValue<int>());
        Assert.Equal(2207004, large!["error"]!["error_subcode"]!.GetValue<int>());
        Assert.Equal(2207052, missing!["error"]!["error_subcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publishing_beyond_the_quota_is_refused_until_the_window_moves_on()
    {
        await using var h = await SandboxHarness.StartAsync(o => (o.InstagramInProgressPolls, o.InstagramPublishQuota) = (0, 2));
        async Task<(HttpStatusCode, JsonNode?)> PublishAsync()
        {
            var (_, created) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1080)), ("access_token", Token));
            var (response, body) = await h.PostFormAsync($"graph/v25.0/{User}/media_publish", ("creation_id", created!["id"]!.GetValue<string>()), ("access_token", Token));
            return (response.StatusCode, body);
        }

        await PublishAsync();
        h.Time.Advance(TimeSpan.FromHours(1));
        await PublishAsync();
        var (status, body) = await PublishAsync();
        h.Time.Advance(TimeSpan.FromHours(23.5));
        var (later, _) = await PublishAsync();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((9, 2207042), (body!["error"]!["code"]!.GetValue<int>(), body["error"]!["error_subcode"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, later);
    }

    [Fact]
    public async Task A_container_left_for_24_hours_expires_and_cannot_be_published()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.InstagramInProgressPolls = 0);
        var (_, created) = await h.PostFormAsync($"graph/v25.0/{User}/media", ("image_url", h.Image(1080, 1080)), ("access_token", Token));
        var container = created!["id"]!.GetValue<string>();
        h.Time.Advance(TimeSpan.FromHours(24));

        var (_, status) = await h.GetAsync($"graph/v25.0/{container}?fields=status_code&access_token={Token}");
        var (_, publish) = await h.PostFormAsync($"graph/v25.0/{User}/media_publish", ("creation_id", container), ("access_token", Token));

        Assert.Equal("EXPIRED", Status(status));
        Assert.Equal(2207020, publish!["error"]!["error_subcode"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_linked_instagram_account_and_me_are_answered()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.State.RegisterInstagramUser(Token, User);
        var (_, page) = await h.GetAsync($"graph/v25.0/555?fields=instagram_business_account&access_token=page");
        var (_, me) = await h.GetAsync($"instagram/me?fields=id,user_id,username&access_token={Token}");

        Assert.Equal("17841555", page!["instagram_business_account"]!["id"]!.GetValue<string>());
        Assert.Equal((User, User), (me!["id"]!.GetValue<string>(), me["user_id"]!.GetValue<string>()));
    }
}
