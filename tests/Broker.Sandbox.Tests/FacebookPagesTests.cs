using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.Sandbox.Tests;

public sealed class FacebookPagesTests
{
    private const string Page = "1234567890";
    private const string Token = "page-token";

    [Fact]
    public async Task A_text_post_gets_a_page_scoped_id_a_permalink_and_is_listed_newest_first()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (first, firstBody) = await h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Rapat koordinasi"), ("access_token", Token));
        var (_, secondBody) = await h.PostFormAsync($"graph/v24.0/{Page}/feed", ("message", "Kerja bakti"), ("link", "https://example.go.id/berita/1"), ("access_token", Token));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = firstBody!["id"]!.GetValue<string>();
        Assert.StartsWith(Page + "_", id, StringComparison.Ordinal);
        var usage = JsonNode.Parse(first.Headers.GetValues("X-Business-Use-Case-Usage").Single())!;
        Assert.Equal("pages", usage[Page]![0]!["type"]!.GetValue<string>());
        Assert.True(first.Headers.Contains("X-App-Usage"));

        var (_, post) = await h.GetAsync($"graph/v25.0/{id}?fields=permalink_url,message&access_token={Token}");
        Assert.Equal($"https://www.facebook.com/{Page}/posts/{id.Split('_')[1]}", post!["permalink_url"]!.GetValue<string>());
        Assert.Equal("Rapat koordinasi", post["message"]!.GetValue<string>());

        var (_, list) = await h.GetAsync($"graph/v25.0/{Page}/published_posts?fields=id,message,created_time,permalink_url&access_token={Token}");
        var data = list!["data"]!.AsArray();
        Assert.Equal([secondBody!["id"]!.GetValue<string>(), id], data.Select(p => p!["id"]!.GetValue<string>()));
        Assert.NotNull(list["paging"]);

        var control = await h.ControlPostsAsync("facebook");
        Assert.Equal("https://example.go.id/berita/1", control.Single(p => p!["text"]!.GetValue<string>() == "Kerja bakti")!["link"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_photo_by_url_is_fetched_and_published_with_photo_and_post_ids()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (response, body) = await h.PostFormAsync($"graph/v25.0/{Page}/photos", ("url", h.Image(800, 600)), ("caption", "Foto kegiatan"), ("access_token", Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(body!["id"]);
        Assert.StartsWith(Page + "_", body["post_id"]!.GetValue<string>(), StringComparison.Ordinal);
        var post = h.Sandbox.State.Posts("facebook", Page).Single();
        Assert.Equal(("Foto kegiatan", 1), (post.Text, post.MediaCount));
    }

    [Fact]
    public async Task A_multi_photo_post_attaches_unpublished_photos_exactly_once()
    {
        await using var h = await SandboxHarness.StartAsync();
        var ids = new List<string>();
        foreach (var size in new[] { 800, 900 })
        {
            var (_, photo) = await h.PostFormAsync($"graph/v25.0/{Page}/photos", ("url", h.Image(size, 600)), ("published", "false"), ("access_token", Token));
            Assert.Null(photo!["post_id"]);
            ids.Add(photo["id"]!.GetValue<string>());
        }

        var attached = JsonSerializer.Serialize(ids.Select(id => new { media_fbid = id }));
        var (response, _) = await h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Dua foto"), ("attached_media", attached), ("access_token", Token));
        var (again, error) = await h.PostJsonAsync($"graph/v25.0/{Page}/feed?access_token={Token}", new { message = "Lagi", attached_media = ids.Select(id => new { media_fbid = id }) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ids, h.Sandbox.State.Posts("facebook", Page).Single().MediaIds);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(100, error!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_photo_whose_url_cannot_be_fetched_is_refused()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (response, body) = await h.PostFormAsync($"graph/v25.0/{Page}/photos", ("url", $"{h.Address}/_sandbox/files/missing"), ("access_token", Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(324, body!["error"]!["code"]!.GetValue<int>());
        Assert.NotNull(body["error"]!["fbtrace_id"]);
        Assert.Empty(h.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task Posting_the_same_message_twice_in_a_row_is_error_506()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Sama"), ("access_token", Token));
        var (_, body) = await h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Sama"), ("access_token", Token));

        Assert.Equal(506, body!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_and_a_bearer_header_is_accepted()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (missing, body) = await h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Tanpa token"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"graph/v25.0/{Page}/feed") { Content = new FormUrlEncodedContent([KeyValuePair.Create("message", "Dengan bearer")]) };
        request.Headers.Authorization = new("Bearer", Token);
        var (bearer, _) = await h.SendAsync(request);

        Assert.Equal((HttpStatusCode.BadRequest, 104), (missing.StatusCode, body!["error"]!["code"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }
}
