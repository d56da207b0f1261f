using System.Text.Json.Nodes;
using Broker.Adapters.Meta.Tests.Infrastructure;

namespace Broker.Adapters.Meta.Tests.Graph;

/// <summary>
/// Reconciliation reads every page of an account's recent posts: behind more than a page of newer posts, the earlier
/// attempt's post must still be found, or the broker would publish it a second time.
/// </summary>
public sealed class ReconciliationPagingTests : IAsyncLifetime
{
    private MetaHarness harness = null!;
    private HttpClient sandbox = null!;

    public async Task InitializeAsync()
    {
        harness = await MetaHarness.StartAsync(configureSandbox: options =>
        {
            options.InstagramPublishQuota = 1_000;
            options.InstagramInProgressPolls = 0;
        });
        sandbox = new HttpClient { BaseAddress = new Uri(harness.Sandbox.Address + "/") };
    }

    public async Task DisposeAsync()
    {
        sandbox.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Facebook_reconciliation_finds_the_earlier_post_behind_more_than_a_page_of_newer_ones()
    {
        var request = harness.Request("facebook", new RenderedPost { Text = "Pos yang dicari setelah jawaban hilang." });
        var earlier = Assert.IsType<PublishOutcome.Published>(await harness.Time.RunAsync(() => harness.Facebook.PublishAsync(request, CancellationToken.None)));
        for (var i = 0; i < 130; i++)
        {
            await PostAsync($"graph/v25.0/{MetaHarness.PageId}/feed", ("message", $"Pos lain nomor {i}"));
        }

        var found = await harness.Time.RunAsync(() => harness.Facebook.FindPublishedAsync(request, CancellationToken.None));

        Assert.Equal(earlier.RemotePostId, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("facebook", "/published_posts").Count);
    }

    [Fact]
    public async Task Instagram_reconciliation_finds_the_earlier_post_behind_more_than_a_page_of_newer_ones()
    {
        var photo = harness.Photos.Photo("dicari");
        var request = harness.Request("instagram", new RenderedPost { Text = "Foto yang dicari setelah jawaban hilang.", Media = [photo] });
        var earlier = Assert.IsType<PublishOutcome.Published>(await harness.Time.RunAsync(() => harness.Instagram.PublishAsync(request, CancellationToken.None)));
        for (var i = 0; i < 60; i++)
        {
            var container = await PostAsync($"graph/v25.0/{MetaHarness.InstagramUserId}/media", ("image_url", photo.PublicUrl.AbsoluteUri), ("caption", $"Foto lain nomor {i}"));
            await PostAsync($"graph/v25.0/{MetaHarness.InstagramUserId}/media_publish", ("creation_id", container["id"]!.GetValue<string>()));
        }

        var found = await harness.Time.RunAsync(() => harness.Instagram.FindPublishedAsync(WithoutSavedProgress(request), CancellationToken.None));

        Assert.Equal(earlier.RemotePostId, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
        Assert.Equal(2, harness.Sandbox.State.RequestsFor("instagram", "/media").Count(r => r.Method == "GET" && r.Endpoint == "media_list"));
    }

    // As after a lost answer to media_publish: the container id was saved, the media id never arrived.
    private static PublishRequest WithoutSavedProgress(PublishRequest request) => request with { Progress = new MemoryProgress() };

    private async Task<JsonNode> PostAsync(string path, params (string Key, string Value)[] fields)
    {
        var form = fields.Append((Key: "access_token", Value: MetaHarness.Token)).Select(f => KeyValuePair.Create(f.Key, f.Value));
        using var response = await sandbox.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
