using System.Net;

namespace Broker.Sandbox.Tests;

/// <summary>The embedded sandbox keeps its posts in a file across restarts, and shows each one on a page of its own.</summary>
public sealed class PostsFileTests
{
    private const string Page = "1234567890";

    [Fact]
    public async Task Posts_kept_in_a_file_are_there_after_a_restart_and_new_posts_get_new_ids()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sandbox-posts-{Guid.NewGuid():N}.json");
        try
        {
            string first;
            await using (var before = await SandboxHarness.StartAsync(o => o.PostsFile = file))
            {
                var (_, body) = await before.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Rapat koordinasi"), ("access_token", "t"));
                first = body!["id"]!.GetValue<string>();
            }

            await using var after = await SandboxHarness.StartAsync(o => o.PostsFile = file);
            var kept = Assert.Single(after.Sandbox.State.Posts("facebook"));
            var (_, second) = await after.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", "Kerja bakti"), ("access_token", "t"));
            using var view = await after.Http.GetAsync($"{after.Address}/_sandbox/posts/facebook/{first}");
            using var missing = await after.Http.GetAsync($"{after.Address}/_sandbox/posts/facebook/{Page}_0");

            Assert.Equal((first, "Rapat koordinasi"), (kept.Id, kept.Text));
            Assert.NotEqual(first, second!["id"]!.GetValue<string>());
            Assert.Equal(2, after.Sandbox.State.Posts("facebook").Count);
            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            Assert.Contains("Rapat koordinasi", await view.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
