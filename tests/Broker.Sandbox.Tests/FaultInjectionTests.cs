using System.Net;
using System.Text.Json.Nodes;

namespace Broker.Sandbox.Tests;

public sealed class FaultInjectionTests
{
    private const string Page = "42";
    private const string IgUser = "17841400000000009";
    private const string XAuth = "OAuth oauth_consumer_key=\"ck\", oauth_nonce=\"n\", oauth_signature=\"s\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1\", oauth_token=\"77-t\", oauth_version=\"1.0\"";

    private static int Code(JsonNode? body) => body!["error"]!["code"]!.GetValue<int>();

    private static int Subcode(JsonNode? body) => body!["error"]!["error_subcode"]!.GetValue<int>();

    private static Task<(HttpResponseMessage Response, JsonNode? Body)> FeedAsync(SandboxHarness h, string message) =>
        h.PostFormAsync($"graph/v25.0/{Page}/feed", ("message", message), ("access_token", "t"));

    [Fact]
    public async Task Http_faults_answer_500_and_503_once_each_then_the_platform_works_again()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "http500" });
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "http503" });

        var (fb500, fbBody) = await FeedAsync(h, "a");
        var (fbOk, _) = await FeedAsync(h, "b");
        var (x503, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);

        Assert.Equal((HttpStatusCode.InternalServerError, 1), (fb500.StatusCode, Code(fbBody)));
        Assert.Equal(HttpStatusCode.OK, fbOk.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, x503.StatusCode);
        Assert.Single(h.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task Transient_faults_use_each_platforms_transient_error()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "facebook", endpoint = "*", kind = "transient" });
        await h.InjectAsync(new { platform = "instagram", endpoint = "media", kind = "transient" });
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "transient" });

        var (_, fb) = await FeedAsync(h, "a");
        var (_, ig) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media", ("image_url", h.Image(1080, 1080)), ("access_token", "t"));
        var (x, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);

        Assert.Equal(2, Code(fb));
        Assert.True(fb!["error"]!["is_transient"]!.GetValue<bool>());
        Assert.Equal(2207001, Subcode(ig));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, x.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_faults_carry_the_platforms_wait_hints()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "rateLimit", minutes = 7 });
        await h.InjectAsync(new { platform = "instagram", endpoint = "media_publish", kind = "rateLimit" });
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "rateLimit", resetSeconds = 60 });

        var (fbResponse, fb) = await FeedAsync(h, "a");
        var (_, ig) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media_publish", ("creation_id", "1"), ("access_token", "t"));
        var (x, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);

        Assert.Equal(32, Code(fb));
        var usage = JsonNode.Parse(fbResponse.Headers.GetValues("X-Business-Use-Case-Usage").Single())!;
        Assert.Equal(7, usage[Page]![0]!["estimated_time_to_regain_access"]!.GetValue<int>());
        Assert.Equal((9, 2207042), (Code(ig), Subcode(ig)));
        Assert.Equal(HttpStatusCode.TooManyRequests, x.StatusCode);
        Assert.Equal("0", x.Headers.GetValues("x-rate-limit-remaining").Single());
        Assert.Equal((h.Time.GetUtcNow().ToUnixTimeSeconds() + 60).ToString(System.Globalization.CultureInfo.InvariantCulture), x.Headers.GetValues("x-rate-limit-reset").Single());
    }

    [Fact]
    public async Task Token_faults_and_revoked_tokens_ask_for_reauthorisation()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "instagram", endpoint = "*", kind = "tokenExpired" });
        await h.InjectAsync(new { platform = "x", endpoint = "*", kind = "tokenExpired" });
        var revoke = await h.Http.PostAsync("_sandbox/tokens/revoke", System.Net.Http.Json.JsonContent.Create(new { platform = "facebook", token = "t" }));

        var (_, ig) = await h.GetAsync($"graph/v25.0/{IgUser}/content_publishing_limit?access_token=t");
        var (x, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);
        var (_, fb) = await FeedAsync(h, "a");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal((190, 463), (Code(ig), Subcode(ig)));
        Assert.Equal(HttpStatusCode.Unauthorized, x.StatusCode);
        Assert.Equal(190, Code(fb));
    }

    [Fact]
    public async Task Timeout_after_store_keeps_the_post_while_the_client_gives_up()
    {
        await using var h = await SandboxHarness.StartAsync(timeout: TimeSpan.FromMilliseconds(300));
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "timeoutAfterStore", delayMs = 5000 });

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => FeedAsync(h, "Ambigu"));

        Assert.Equal("Ambigu", h.Sandbox.State.Posts("facebook", Page).Single().Text);
    }

    [Fact]
    public async Task Drop_after_store_keeps_the_post_and_drop_does_not()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "dropAfterStore" });
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "drop" });

        await Assert.ThrowsAsync<HttpRequestException>(() => h.PostJsonAsync("x/2/tweets", new { text = "Tersimpan" }, XAuth));
        await Assert.ThrowsAsync<HttpRequestException>(() => FeedAsync(h, "Hilang"));

        Assert.Equal("Tersimpan", h.Sandbox.State.Posts("x").Single().Text);
        Assert.Empty(h.Sandbox.State.Posts("facebook"));
        var recorded = await h.GetAsync("_sandbox/requests?platform=x&path=/tweets");
        Assert.True(recorded.Body!.AsArray().Single()!["aborted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Container_faults_keep_it_in_progress_or_end_it_in_error()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.InstagramInProgressPolls = 0);
        await h.InjectAsync(new { platform = "instagram", endpoint = "media", kind = "containerInProgress", polls = 2 });
        await h.InjectAsync(new { platform = "instagram", endpoint = "media", kind = "containerError", status = "2207026" });
        var (_, slow) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media", ("image_url", h.Image(1080, 1080)), ("access_token", "t"));
        var (_, broken) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media", ("image_url", h.Image(1080, 1080)), ("access_token", "t"));

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, s) = await h.GetAsync($"graph/v25.0/{slow!["id"]}?fields=status_code&access_token=t");
            statuses.Add(s!["status_code"]!.GetValue<string>());
        }

        var (_, error) = await h.GetAsync($"graph/v25.0/{broken!["id"]}?fields=status_code,status&access_token=t");
        var (_, publish) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media_publish", ("creation_id", broken["id"]!.GetValue<string>()), ("access_token", "t"));

        Assert.Equal(["IN_PROGRESS", "IN_PROGRESS", "FINISHED"], statuses);
        Assert.Equal("ERROR", error!["status_code"]!.GetValue<string>());
        Assert.Contains("2207026", error["status"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(publish!["error"]);
    }

    [Fact]
    public async Task Permanent_and_duplicate_faults_use_the_documented_errors_and_count_down()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "permanent" });
        await h.InjectAsync(new { platform = "instagram", endpoint = "media", kind = "permanent" });
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "duplicate", times = 2 });
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "duplicate" });

        var (x400, xBody) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);
        var (xDup, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);
        var (_, ig) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media", ("image_url", h.Image(1080, 1080)), ("access_token", "t"));
        var (_, fb1) = await FeedAsync(h, "a");
        var (_, fb2) = await FeedAsync(h, "b");
        var (fb3, _) = await FeedAsync(h, "c");

        Assert.Equal(HttpStatusCode.BadRequest, x400.StatusCode);
        Assert.Equal("https://api.x.com/2/problems/invalid-request", xBody!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, xDup.StatusCode);
        Assert.Equal(2207004, Subcode(ig));
        Assert.Equal((506, 506), (Code(fb1), Code(fb2)));
        Assert.Equal(HttpStatusCode.OK, fb3.StatusCode);
    }

    [Fact]
    public async Task A_fault_aimed_at_one_account_leaves_the_other_accounts_alone()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.InstagramInProgressPolls = 0);
        var (_, container) = await h.PostFormAsync($"graph/v25.0/{IgUser}/media", ("image_url", h.Image(1080, 1080)), ("access_token", "t"));
        await h.InjectAsync(new { platform = "facebook", endpoint = "feed", kind = "http500", account = Page, times = 5 });
        await h.InjectAsync(new { platform = "x", endpoint = "tweets", kind = "http503", account = "77", times = 5 });
        await h.InjectAsync(new { platform = "instagram", endpoint = "container_status", kind = "http500", account = IgUser, times = 5 });

        var (otherPage, _) = await h.PostFormAsync("graph/v25.0/43/feed", ("message", "a"), ("access_token", "t"));
        var (aimedPage, _) = await FeedAsync(h, "a");
        var (otherUser, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth.Replace("77-t", "88-t", StringComparison.Ordinal));
        var (aimedUser, _) = await h.PostJsonAsync("x/2/tweets", new { text = "a" }, XAuth);
        var (aimedContainer, _) = await h.GetAsync($"graph/v25.0/{container!["id"]}?fields=status_code&access_token=t");

        Assert.Equal(HttpStatusCode.OK, otherPage.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, aimedPage.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, aimedUser.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, aimedContainer.StatusCode);
        Assert.Equal([4, 4, 4], h.Sandbox.State.Faults.Select(f => f.Remaining));
    }

    [Fact]
    public async Task Clearing_faults_resetting_and_latency_work_over_http()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.InjectAsync(new { platform = "*", endpoint = "*", kind = "http500", times = 10 });
        var cleared = await h.Http.DeleteAsync("_sandbox/faults");
        await FeedAsync(h, "tetap");
        var latency = await h.Http.PostAsync("_sandbox/latency", System.Net.Http.Json.JsonContent.Create(new { milliseconds = 40 }));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await FeedAsync(h, "lambat");
        var elapsed = watch.Elapsed;
        var before = await h.ControlPostsAsync("facebook");
        var reset = await h.Http.PostAsync("_sandbox/reset", null);
        var after = await h.ControlPostsAsync("facebook");
        var (badKind, _) = await h.PostJsonAsync("_sandbox/faults", new { platform = "x", endpoint = "*", kind = "nonsense" });

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, latency.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(35), $"latency not applied: {elapsed}");
        Assert.Equal(2, before.Count);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(after);
        Assert.Empty(h.Sandbox.State.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }
}
