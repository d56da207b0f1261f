using System.Text.Json;
using Broker.Adapters.X.Auth;

namespace Broker.Adapters.X.Tests.Contract;

/// <summary>The adapter against the sandbox's X API over real HTTP on loopback.</summary>
public sealed class XAdapterContractTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Publishing_a_text_post_returns_the_permalink()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var text = "Pemkot membuka pendaftaran beasiswa. Info: https://portal.example.go.id/berita/1";

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), text), Ct);

        var published = Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(new Uri($"https://x.com/i/web/status/{published.RemotePostId}"), published.Permalink);
        var post = Assert.Single(await x.PostsAsync());
        Assert.Equal(published.RemotePostId, post.GetProperty("id").GetString());
        Assert.Equal(text, post.GetProperty("text").GetString());
        Assert.Equal(XRequests.UserId, post.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task Photos_go_one_shot_when_small_and_chunked_when_large()
    {
        await using var x = await XSandboxHarness.StartAsync(new() { ["Platforms:X:OneShotUploadMaxBytes"] = "300000", ["Platforms:X:UploadChunkBytes"] = "262144" });
        var small = await x.ImageAsync("800x600.jpg");
        var large = await x.ImageAsync("1600x1200.jpg", 700_000);
        Assert.True(small.Length <= 300_000 && large.Length > 300_000, $"sample sizes {small.Length} and {large.Length}");
        var progress = new InMemoryProgress();
        var media = new[] { XRequests.Photo("p1", small), XRequests.Photo("p2", small), XRequests.Photo("p3", large) };

        var outcome = await x.Adapter.PublishAsync(
            XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), "Tiga foto kegiatan", media, progress), Ct);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var post = Assert.Single(await x.PostsAsync());
        Assert.Equal(3, post.GetProperty("mediaCount").GetInt32());
        Assert.Equal(3, progress.Values.Count);
        var requests = x.State.RequestsFor("x", "/media/upload");
        Assert.Equal(2, requests.Count(r => r.Endpoint == "media_upload"));
        Assert.Equal(1, requests.Count(r => r.Endpoint == "media_initialize"));
        Assert.Equal(3, requests.Count(r => r.Endpoint == "media_append"));
        Assert.Equal(1, requests.Count(r => r.Endpoint == "media_finalize"));
    }

    [Fact]
    public async Task A_retry_attaches_the_photos_uploaded_by_the_failed_attempt()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var photo = await x.ImageAsync("640x480.jpg");
        var progress = new InMemoryProgress();
        var account = XRequests.Account(XRequests.OAuth1Credentials());
        await x.ControlAsync("_sandbox/faults", new { platform = "x", endpoint = "tweets", kind = "http503" });

        var first = await x.Adapter.PublishAsync(XRequests.Request(account, "Foto banjir", [XRequests.Photo("p1", photo)], progress), Ct);
        var second = await x.Adapter.PublishAsync(XRequests.Request(account, "Foto banjir", [XRequests.Photo("p1", photo)], progress), Ct);

        Assert.IsType<PublishOutcome.Transient>(first);
        Assert.IsType<PublishOutcome.Published>(second);
        Assert.Equal(1, x.State.RequestsFor("x", "/media/upload").Count(r => r.Endpoint == "media_upload"));
    }

    [Fact]
    public async Task An_oauth1_signature_is_accepted_when_the_sandbox_knows_the_secrets()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var credentials = XRequests.OAuth1Credentials("77-registeredtoken");
        await x.ControlAsync("_sandbox/x/credentials", new
        {
            consumerKey = credentials[XCredentialKeys.ConsumerKey],
            consumerSecret = credentials[XCredentialKeys.ConsumerSecret],
            accessToken = credentials[XCredentialKeys.AccessToken],
            accessTokenSecret = credentials[XCredentialKeys.AccessTokenSecret],
            userId = "77",
        });
        var wrong = new Dictionary<string, string>(credentials) { [XCredentialKeys.AccessTokenSecret] = "not-the-secret" };

        var signed = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(credentials, "77"), "Tersigned dengan benar"), Ct);
        var forged = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(wrong, "77"), "Tanda tangan salah"), Ct);

        Assert.IsType<PublishOutcome.Published>(signed);
        Assert.IsType<PublishOutcome.NeedsReauthorization>(forged);
    }

    [Fact]
    public async Task A_duplicate_is_unknown_and_reconciliation_finds_the_first_post()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var account = XRequests.Account(XRequests.OAuth1Credentials());
        const string text = "Jadwal vaksinasi  minggu ini &  lokasi: https://portal.example.go.id/vaksin";
        var first = Assert.IsType<PublishOutcome.Published>(await x.Adapter.PublishAsync(XRequests.Request(account, text), Ct));

        var retry = XRequests.Request(account, text);
        var again = await x.Adapter.PublishAsync(retry, Ct);
        var found = await x.Adapter.FindPublishedAsync(retry, Ct);

        Assert.IsType<PublishOutcome.Unknown>(again);
        Assert.Equal(first.RemotePostId, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
    }

    [Fact]
    public async Task Reconciliation_finds_the_earlier_post_behind_more_than_a_page_of_newer_ones()
    {
        await using var x = await XSandboxHarness.StartAsync(configureSandbox: o => o.XTweetsPerWindow = 1_000);
        var account = XRequests.Account(XRequests.OAuth1Credentials());
        var request = XRequests.Request(account, "Pos yang dicari setelah jawaban hilang");
        var earlier = Assert.IsType<PublishOutcome.Published>(await x.Adapter.PublishAsync(request, Ct));
        for (var i = 0; i < 130; i++)
        {
            Assert.IsType<PublishOutcome.Published>(await x.Adapter.PublishAsync(XRequests.Request(account, $"Pos lain nomor {i}"), Ct));
        }

        var found = await x.Adapter.FindPublishedAsync(request, Ct);

        Assert.Equal(earlier.RemotePostId, Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
        Assert.Equal(2, x.State.RequestsFor("x", $"/users/{XRequests.UserId}/tweets").Count);
    }

    [Fact]
    public async Task Reconciliation_reports_nothing_when_the_post_is_absent()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var account = XRequests.Account(XRequests.OAuth1Credentials());
        await x.Adapter.PublishAsync(XRequests.Request(account, "Pos lain"), Ct);

        var found = await x.Adapter.FindPublishedAsync(XRequests.Request(account, "Pos yang tidak pernah terbit"), Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_post_is_unknown_and_reconciled()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var request = XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), "Pengumuman penting hari ini");
        await x.ControlAsync("_sandbox/faults", new { platform = "x", endpoint = "tweets", kind = "dropAfterStore" });

        var outcome = await x.Adapter.PublishAsync(request, Ct);
        var found = await x.Adapter.FindPublishedAsync(request, Ct);

        Assert.IsType<PublishOutcome.Unknown>(outcome);
        var stored = Assert.Single(await x.PostsAsync());
        Assert.Equal(stored.GetProperty("id").GetString(), Assert.IsType<PublishOutcome.Published>(found).RemotePostId);
    }

    [Fact]
    public async Task A_rate_limit_waits_until_the_reset_x_announces()
    {
        await using var x = await XSandboxHarness.StartAsync();
        await x.ControlAsync("_sandbox/faults", new { platform = "x", endpoint = "tweets", kind = "rateLimit", resetSeconds = 600 });
        var before = TimeProvider.System.GetUtcNow();

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), "Kena batas"), Ct);

        var limited = Assert.IsType<PublishOutcome.RateLimited>(outcome);
        Assert.InRange(limited.Until, before.AddSeconds(598), TimeProvider.System.GetUtcNow().AddSeconds(601));
    }

    [Fact]
    public async Task Rejected_credentials_need_reauthorization()
    {
        await using var x = await XSandboxHarness.StartAsync();
        await x.ControlAsync("_sandbox/faults", new { platform = "x", endpoint = "tweets", kind = "tokenExpired" });

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(XRequests.OAuth1Credentials()), "Token kedaluwarsa"), Ct);

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
    }

    [Fact]
    public async Task An_expiring_oauth2_token_is_refreshed_and_stored_before_it_is_used()
    {
        await using var x = await XSandboxHarness.StartAsync();
        await x.ControlAsync("_sandbox/x/authorization-codes", new { code = "code-42", userId = XRequests.UserId });
        var app = new XOAuth2ClientApp("sandbox-client", "sandbox-secret");
        var issued = Assert.IsType<XOAuth2Result.Issued>(
            await x.OAuth2.ExchangeCodeAsync(app, "code-42", "verifier-0123456789", new Uri("https://broker.example.go.id/x/callback"), Ct));
        var original = issued.Tokens.ToCredentials(new Dictionary<string, string>(), app);
        var saved = new List<(IReadOnlyDictionary<string, string> Credentials, int PostsAtSave)>();
        var account = XRequests.Account(original, save: async (credentials, ct) => saved.Add((credentials, (await x.PostsAsync()).Length)));
        await x.ControlAsync("_sandbox/tokens/revoke", new { platform = "x", token = issued.Tokens.AccessToken });
        x.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(4));

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(account, "Diposting dengan token baru"), Ct);

        Assert.IsType<PublishOutcome.Published>(outcome);
        var (stored, postsAtSave) = Assert.Single(saved);
        Assert.Equal(0, postsAtSave);
        Assert.NotEqual(issued.Tokens.AccessToken, stored[XCredentialKeys.OAuth2AccessToken]);
        Assert.NotEqual(issued.Tokens.RefreshToken, stored[XCredentialKeys.OAuth2RefreshToken]);
        Assert.Equal(x.Time.GetUtcNow().AddHours(2), DateTimeOffset.Parse(stored[XCredentialKeys.OAuth2ExpiresAt], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(XCredentialKeys.ClientSecret, stored.Keys);
    }

    [Fact]
    public async Task A_fresh_oauth2_token_is_used_without_refreshing()
    {
        await using var x = await XSandboxHarness.StartAsync();
        await x.ControlAsync("_sandbox/x/authorization-codes", new { code = "code-7", userId = XRequests.UserId });
        var app = new XOAuth2ClientApp("public-client", null);
        var issued = Assert.IsType<XOAuth2Result.Issued>(
            await x.OAuth2.ExchangeCodeAsync(app, "code-7", "verifier-abc", new Uri("https://broker.example.go.id/x/callback"), Ct));
        var saves = 0;
        var account = XRequests.Account(issued.Tokens.ToCredentials(new Dictionary<string, string>(), app), save: (_, _) =>
        {
            saves++;
            return Task.CompletedTask;
        });

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(account, "Token masih segar"), Ct);

        Assert.IsType<PublishOutcome.Published>(outcome);
        Assert.Equal(0, saves);
        Assert.Single(x.State.RequestsFor("x", "/oauth2/token"));
    }

    [Fact]
    public async Task A_dead_refresh_token_needs_reauthorization()
    {
        await using var x = await XSandboxHarness.StartAsync();
        var credentials = new Dictionary<string, string>
        {
            [XCredentialKeys.OAuth2AccessToken] = "expired-access",
            [XCredentialKeys.OAuth2RefreshToken] = "already-spent",
            [XCredentialKeys.ClientId] = "sandbox-client",
            [XCredentialKeys.OAuth2ExpiresAt] = x.Time.GetUtcNow().AddMinutes(-1).ToString("O"),
        };

        var outcome = await x.Adapter.PublishAsync(XRequests.Request(XRequests.Account(credentials), "Tidak terbit"), Ct);

        Assert.IsType<PublishOutcome.NeedsReauthorization>(outcome);
        Assert.Empty(await x.PostsAsync());
    }
}
