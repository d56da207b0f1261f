using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Tests;

public sealed class XApiTests
{
    private const string User = "1500000000000000042";
    private const string Unverified = "OAuth oauth_consumer_key=\"ck\", oauth_nonce=\"n\", oauth_signature=\"sig\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1\", oauth_token=\"1500000000000000042-abc\", oauth_version=\"1.0\"";

    [Fact]
    public async Task A_tweet_is_created_listed_and_read_with_rate_limit_headers()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (created, body) = await h.PostJsonAsync("x/2/tweets", new { text = "Selamat pagi" }, Unverified);
        var id = body!["data"]!["id"]!.GetValue<string>();
        var (_, list) = await h.GetAsync($"x/2/users/{User}/tweets?max_results=5", Unverified);
        var (_, read) = await h.GetAsync($"x/2/tweets/{id}", Unverified);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Selamat pagi", body["data"]!["text"]!.GetValue<string>());
        Assert.Equal("100", created.Headers.GetValues("x-rate-limit-limit").Single());
        Assert.Equal("99", created.Headers.GetValues("x-rate-limit-remaining").Single());
        Assert.True(long.Parse(created.Headers.GetValues("x-rate-limit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > h.Time.GetUtcNow().ToUnixTimeSeconds());
        Assert.True(created.Headers.Contains("x-user-limit-24hour-remaining"));
        Assert.Equal(id, list!["data"]![0]!["id"]!.GetValue<string>());
        Assert.NotNull(list["data"]![0]!["created_at"]);
        Assert.Equal("Selamat pagi", read!["data"]!["text"]!.GetValue<string>());
        Assert.Equal("oauth1-unverified", h.Sandbox.State.RequestsFor("x", "/tweets")[0].Auth);
    }

    [Fact]
    public async Task The_same_text_twice_is_refused_as_duplicate_content()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.PostJsonAsync("x/2/tweets", new { text = "Sama saja" }, Unverified);
        var (response, body) = await h.PostJsonAsync("x/2/tweets", new { text = "Sama saja" }, Unverified);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("You are not allowed to create a Tweet with duplicate content.", body!["detail"]!.GetValue<string>());
        Assert.Equal(("about:blank", "Forbidden", 403), (body["type"]!.GetValue<string>(), body["title"]!.GetValue<string>(), body["status"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Weighted_length_counts_urls_as_23_and_refuses_281()
    {
        await using var h = await SandboxHarness.StartAsync();
        var (tooLong, body) = await h.PostJsonAsync("x/2/tweets", new { text = new string('a', 281) }, Unverified);
        var (withUrl, _) = await h.PostJsonAsync("x/2/tweets", new { text = new string('b', 256) + " https://example.go.id/" + new string('x', 100) }, Unverified);
        var (cjk, _) = await h.PostJsonAsync("x/2/tweets", new { text = new string('漢', 141) }, Unverified);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("https://api.x.com/2/problems/invalid-request", body!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, withUrl.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, cjk.StatusCode);
    }

    [Fact]
    public void The_test_signer_reproduces_the_documented_signature()
    {
        var signature = OAuth1Signer.Signature(
            "POST",
            "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
            [
                ("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
                ("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
                ("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
                ("oauth_signature_method", "HMAC-SHA1"),
                ("oauth_timestamp", "1318622958"),
                ("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
                ("oauth_version", "1.0"),
            ],
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", signature);
    }

    [Fact]
    public async Task Registered_oauth1_keys_make_the_sandbox_verify_signatures()
    {
        await using var h = await SandboxHarness.StartAsync();
        var credentials = new XCredentials("consumer", "consumer-secret", User + "-token", "token-secret", User);
        var register = await h.Http.PostAsync("_sandbox/x/credentials", System.Net.Http.Json.JsonContent.Create(credentials));
        var url = $"{h.Address}/x/2/tweets";
        var good = OAuth1Signer.Header("POST", url, [], "consumer", "consumer-secret", User + "-token", "token-secret", "nonce1", 1772352000);
        var bad = OAuth1Signer.Header("POST", url, [], "consumer", "wrong-secret", User + "-token", "token-secret", "nonce2", 1772352000);
        var formUrl = $"{h.Address}/x/2/media/upload?command=STATUS&media_id=1";
        var withQuery = OAuth1Signer.Header("GET", formUrl, [], "consumer", "consumer-secret", User + "-token", "token-secret", "nonce3", 1772352000);

        var (accepted, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Ditandatangani" }, good);
        var (refused, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Salah tanda tangan" }, bad);
        var (status, _) = await h.GetAsync("x/2/media/upload?command=STATUS&media_id=1", withQuery);

        Assert.Equal(HttpStatusCode.NoContent, register.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal("oauth1-verified", h.Sandbox.State.RequestsFor("x", "/tweets")[0].Auth);
    }

    [Fact]
    public async Task A_one_shot_upload_can_be_attached_and_unknown_or_too_many_media_are_refused()
    {
        await using var h = await SandboxHarness.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, (byte)i]), "media", "photo.jpg" },
                { new StringContent("tweet_image"), "media_category" },
                { new StringContent("image/jpeg"), "media_type" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, "x/2/media/upload") { Content = form };
            request.Headers.TryAddWithoutValidation("Authorization", Unverified);
            var (_, uploaded) = await h.SendAsync(request);
            Assert.Equal(5, uploaded!["data"]!["size"]!.GetValue<int>());
            Assert.NotNull(uploaded["data"]!["media_key"]);
            ids.Add(uploaded["data"]!["id"]!.GetValue<string>());
        }

        var (ok, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Dengan foto", media = new { media_ids = ids.Take(4) } }, Unverified);
        var (five, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Lima foto", media = new { media_ids = ids } }, Unverified);
        var (unknown, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Foto asing", media = new { media_ids = new[] { "123" } } }, Unverified);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(4, h.Sandbox.State.Posts("x").Single().MediaCount);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (five.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task A_chunked_upload_goes_pending_then_succeeded_and_can_be_posted()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.XImageProcessingChecks = 1);
        var (_, init) = await h.PostJsonAsync("x/2/media/upload/initialize", new { media_type = "image/jpeg", total_bytes = 6, media_category = "tweet_image" }, Unverified);
        var id = init!["data"]!["id"]!.GetValue<string>();
        foreach (var index in new[] { 0, 1 })
        {
            using var form = new MultipartFormDataContent { { new StringContent(index.ToString(System.Globalization.CultureInfo.InvariantCulture)), "segment_index" }, { new ByteArrayContent([1, 2, 3]), "media", "blob" } };
            using var append = new HttpRequestMessage(HttpMethod.Post, $"x/2/media/upload/{id}/append") { Content = form };
            append.Headers.TryAddWithoutValidation("Authorization", Unverified);
            var (appended, _) = await h.SendAsync(append);
            Assert.Equal(HttpStatusCode.OK, appended.StatusCode);
        }

        var (_, finalized) = await h.PostJsonAsync($"x/2/media/upload/{id}/finalize", new { }, Unverified);
        var (early, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Terlalu cepat", media = new { media_ids = new[] { id } } }, Unverified);
        var (_, status) = await h.GetAsync($"x/2/media/upload?command=STATUS&media_id={id}", Unverified);
        var (posted, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Siap", media = new { media_ids = new[] { id } } }, Unverified);

        Assert.Equal("pending", finalized!["data"]!["processing_info"]!["state"]!.GetValue<string>());
        Assert.Equal(6, finalized["data"]!["size"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("succeeded", status!["data"]!["processing_info"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    [Fact]
    public async Task Exhausting_the_window_answers_429_without_retry_after_until_the_reset()
    {
        await using var h = await SandboxHarness.StartAsync(o => o.XTweetsPerWindow = 2);
        await h.PostJsonAsync("x/2/tweets", new { text = "satu" }, Unverified);
        await h.PostJsonAsync("x/2/tweets", new { text = "dua" }, Unverified);
        var (limited, _) = await h.PostJsonAsync("x/2/tweets", new { text = "tiga" }, Unverified);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        var (later, _) = await h.PostJsonAsync("x/2/tweets", new { text = "empat" }, Unverified);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null(limited.Headers.RetryAfter);
        Assert.Equal("0", limited.Headers.GetValues("x-rate-limit-remaining").Single());
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
    }

    [Fact]
    public async Task Oauth2_tokens_expire_after_two_hours_and_refresh_tokens_are_single_use()
    {
        await using var h = await SandboxHarness.StartAsync();
        await h.Http.PostAsJsonAsync("_sandbox/x/authorization-codes", new { code = "abc", userId = User });
        var (_, issued) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "authorization_code"), ("code", "abc"), ("client_id", "client"), ("code_verifier", "v"), ("redirect_uri", "http://localhost/cb"));
        var access = issued!["access_token"]!.GetValue<string>();
        var refresh = issued["refresh_token"]!.GetValue<string>();

        var (fresh, _) = await h.PostJsonAsync("x/2/tweets", new { text = "OAuth2" }, "Bearer " + access);
        h.Time.Advance(TimeSpan.FromHours(2));
        var (expired, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Kedaluwarsa" }, "Bearer " + access);
        var (rotated, renewed) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "client"));
        var (reused, error) = await h.PostFormAsync("x/2/oauth2/token", ("grant_type", "refresh_token"), ("refresh_token", refresh), ("client_id", "client"));
        var (renewedPost, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Diperbarui" }, "Bearer " + renewed!["access_token"]!.GetValue<string>());
        var (unknown, _) = await h.PostJsonAsync("x/2/tweets", new { text = "Asing" }, "Bearer nope");

        Assert.Equal(7200, issued["expires_in"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(refresh, renewed["refresh_token"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (reused.StatusCode, error!["error"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, renewedPost.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }
}
