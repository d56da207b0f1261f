using Broker.Sandbox.Control;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pipeline;

public sealed class GoldenPathTests
{
    [Fact]
    public async Task An_approved_item_with_a_photo_is_published_once_to_facebook_instagram_and_x_with_permalinks()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync();
        var itemId = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram, x], [photo]);

        var approved = await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { }, 200);
        Assert.Equal("approved", approved.Str("status"));

        var item = await scenario.WaitForItemStatusAsync(itemId, "published");
        var deliveries = item["deliveries"]!.AsArray();
        Assert.Equal(3, deliveries.Count);
        foreach (var delivery in deliveries.Select(d => d!))
        {
            Assert.Equal("published", delivery.Str("status"));
            Assert.Equal(1, delivery["attempts"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty(delivery.Str("remotePostId")));
            Assert.StartsWith("https://", delivery.Str("permalink"), StringComparison.Ordinal);
        }

        var fbPost = Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Contains("Wali Kota resmikan Taman Samarendah", fbPost.Text, StringComparison.Ordinal);
        Assert.Equal(1, fbPost.MediaCount);
        var igPost = Assert.Single(scenario.Sandbox.State.Posts("instagram"));
        Assert.Contains("#diskominfo", igPost.Text, StringComparison.Ordinal);
        var xPost = Assert.Single(scenario.Sandbox.State.Posts("x"));
        Assert.Contains("https://portal.example.go.id/berita/taman-samarendah", xPost.Text, StringComparison.Ordinal);
        Assert.Equal(1, xPost.MediaCount);
        Assert.Equal(deliveries.Select(d => d!.Str("remotePostId")).Order(), new[] { fbPost.Id, igPost.Id, xPost.Id }.Order());
        Assert.NotNull(item["firstPublishedAt"]);
    }

    [Fact]
    public async Task The_photo_url_given_to_the_platforms_serves_the_uploaded_bytes()
    {
        await using var scenario = await Scenario.StartAsync();
        var bytes = SampleImages.Jpeg(1200, 900);
        var photo = await scenario.UploadPhotoAsync(bytes);

        var described = await scenario.Api.GetJsonAsync($"/api/media/{photo}");
        Assert.Equal("image/jpeg", described.Str("contentType"));
        Assert.Equal(1200, described["width"]!.GetValue<int>());
        Assert.Equal(900, described["height"]!.GetValue<int>());
        Assert.Equal(bytes.Length, described["bytes"]!.GetValue<long>());

        using var anonymous = new HttpClient();
        var served = await anonymous.GetAsync(new Uri(described.Str("url")));
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_health_check_and_the_openapi_document_answer()
    {
        await using var scenario = await Scenario.StartAsync();
        // Quartz's hosted service starts the scheduler once the host has started, so a node is not ready for its first
        // moment (SchedulerHealthCheck): /health is asked as a readiness probe asks it, until it answers or 30 s pass.
        try
        {
            await Eventually.WaitAsync(async () => (await scenario.Api.GetAsync("/health")).StatusCode, s => s == System.Net.HttpStatusCode.OK, "/health to answer 200", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException timeout)
        {
            // Which check said no, and why.
            var ready = await scenario.Api.GetAsync("/health/ready");
            Assert.Fail($"{timeout.Message}; /health/ready: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
        }

        var openApi = await scenario.Api.GetJsonAsync("/openapi/v1.json");
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/items", paths);
        Assert.Contains("/api/items/{id}/approve", paths);
        Assert.Contains("/api/accounts", paths);
        Assert.Contains("/api/media", paths);
    }
}
