using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Feeds;

public sealed class FeedSubscriptionTests
{
    private const string Opd = "dinkes";

#if !ON_POSTGRESQL
    [Fact]
    public async Task New_entries_become_submitted_items_with_their_source_and_photo_and_a_repeated_read_makes_none()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        var photo = feed.Photo("posyandu.jpg", SampleImages.Jpeg(640, 480));
        feed.Document = FeedServer.Rss(
            ("post-1", "Posyandu keliling", "<p>Posyandu <b>keliling</b> menyambangi &amp; melayani warga.</p>", "https://dinkes.example.go.id/posyandu", photo),
            ("post-2", "Vaksinasi gratis", "Vaksinasi di Puskesmas Sehat.", "https://dinkes.example.go.id/vaksin", null));
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);

        var first = await PollAsync(scenario, subscription);
        var again = await PollAsync(scenario, subscription);

        Assert.Equal(("healthy", 2), (first.Str("state"), first["itemsCreated"]!.GetValue<int>()));
        Assert.Equal(2, again["itemsCreated"]!.GetValue<int>());
        Assert.Equal(1, feed.NotModified); // the second read sent the ETag back
        var items = await SubmittedAsync(scenario);
        Assert.Equal(["Posyandu keliling", "Vaksinasi gratis"], items.Select(i => i.Str("title")).Order());
        var posyandu = items.Single(i => i.Str("title") == "Posyandu keliling");
        Assert.Equal("Posyandu keliling menyambangi & melayani warga.", posyandu.Str("body"));
        Assert.Equal("https://dinkes.example.go.id/posyandu", posyandu.Str("link"));
        Assert.Equal([account], posyandu["accountIds"]!.AsArray().Select(a => a!.GetValue<string>()));
        var source = posyandu["source"]!;
        Assert.Equal((subscription, feed.FeedUrl.ToString(), "post-1"), (source.Str("subscriptionId"), source.Str("feedUrl"), source.Str("entryKey")));
        var media = await scenario.Api.GetJsonAsync($"/api/media/{posyandu["mediaIds"]![0]!.GetValue<string>()}");
        Assert.Equal((640, 480), (media["width"]!.GetValue<int>(), media["height"]!.GetValue<int>()));

        feed.Document = FeedServer.Rss(
            ("post-3", "Donor darah", "Donor darah di balai kota.", "https://dinkes.example.go.id/donor", null),
            ("post-1", "Posyandu keliling", "<p>Posyandu <b>keliling</b> menyambangi &amp; melayani warga.</p>", "https://dinkes.example.go.id/posyandu", photo));
        var third = await PollAsync(scenario, subscription);
        Assert.Equal(3, third["itemsCreated"]!.GetValue<int>());
        Assert.Equal(3, (await SubmittedAsync(scenario)).Count);
    }
#endif

#if !ON_POSTGRESQL
    [Fact]
    public async Task A_changed_entry_updates_its_item_while_it_is_submitted_and_is_ignored_once_the_item_was_reviewed()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        feed.Document = FeedServer.Rss(("post-1", "Posyandu keliling", "Versi pertama.", "https://dinkes.example.go.id/posyandu", null));
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);
        await PollAsync(scenario, subscription);
        var id = Assert.Single(await SubmittedAsync(scenario)).Str("id");

        feed.Document = FeedServer.Rss(("post-1", "Posyandu keliling (ralat)", "Versi kedua.", "https://dinkes.example.go.id/posyandu", null));
        await PollAsync(scenario, subscription);
        var updated = await scenario.ItemAsync(id);
        Assert.Equal(("Posyandu keliling (ralat)", "Versi kedua.", "submitted"), (updated.Str("title"), updated.Str("body"), updated.Str("status")));

        await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { reason = "Sudah diliput." }, 200);
        feed.Document = FeedServer.Rss(("post-1", "Posyandu keliling (ralat kedua)", "Versi ketiga.", "https://dinkes.example.go.id/posyandu", null));
        var read = await PollAsync(scenario, subscription);
        var kept = await scenario.ItemAsync(id);
        Assert.Equal(("Posyandu keliling (ralat)", "rejected"), (kept.Str("title"), kept.Str("status")));
        Assert.Equal(1, read["itemsCreated"]!.GetValue<int>());
    }
#endif

    [Fact]
    public async Task Two_reads_of_the_same_feed_at_once_make_one_item_per_entry()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        feed.HonoursETag = false;
        feed.Document = FeedServer.Rss(
            ("post-1", "Posyandu keliling", "Satu.", "https://dinkes.example.go.id/1", null),
            ("post-2", "Vaksinasi gratis", "Dua.", "https://dinkes.example.go.id/2", null),
            ("post-3", "Donor darah", "Tiga.", "https://dinkes.example.go.id/3", null));
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);

        var reads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PollAsync(scenario, subscription))));

        Assert.All(reads, r => Assert.Equal("healthy", r.Str("state")));
        Assert.Equal(3, (await SubmittedAsync(scenario)).Count);
        Assert.Equal(3, (await scenario.Api.GetJsonAsync($"/api/feeds/{subscription}"))["itemsCreated"]!.GetValue<int>());
    }

#if !ON_POSTGRESQL
    [Fact]
    public async Task A_feed_that_is_down_or_not_xml_shows_as_failing_with_a_longer_wait_each_time_and_recovers_when_it_answers()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);

        feed.Document = null;
        var down = await PollAsync(scenario, subscription);
        feed.Document = "<html><body>Maintenance</body></html>";
        feed.ContentType = "text/html";
        var html = await PollAsync(scenario, subscription);
        feed.Document = "not xml at all";
        var garbage = await PollAsync(scenario, subscription);

        Assert.Equal(("failing", 1), (down.Str("state"), down["failures"]!.GetValue<int>()));
        Assert.Contains("503", down.Str("problem"), StringComparison.Ordinal);
        Assert.Contains("not an RSS or Atom feed", html.Str("problem"), StringComparison.Ordinal);
        Assert.Equal(("failing", 3), (garbage.Str("state"), garbage["failures"]!.GetValue<int>()));
        Assert.Contains("not an RSS or Atom feed", garbage.Str("problem"), StringComparison.Ordinal);
        Assert.True(Wait(garbage) > Wait(html) && Wait(html) > Wait(down), "the wait grows with each failure");
        Assert.Empty(await SubmittedAsync(scenario));

        feed.Document = FeedServer.Rss(("post-1", "Posyandu keliling", "Satu.", "https://dinkes.example.go.id/1", null));
        feed.ContentType = "application/rss+xml";
        var healthy = await PollAsync(scenario, subscription);
        Assert.Equal(("healthy", 0, null), (healthy.Str("state"), healthy["failures"]!.GetValue<int>(), healthy["problem"]?.GetValue<string>()));
        Assert.Single(await SubmittedAsync(scenario));

        static TimeSpan Wait(JsonNode s) => s["nextPollAt"]!.GetValue<DateTimeOffset>() - s["lastPolledAt"]!.GetValue<DateTimeOffset>();
    }
#endif

#if !ON_POSTGRESQL
    [Fact]
    public async Task A_photo_too_large_not_an_image_or_on_a_refused_address_is_left_out_and_the_item_says_why()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync(configure: s => s["Feeds:MaxImageBytes"] = "16384");
        var account = await SetUpAsync(scenario);
        var large = feed.Photo("large.jpg", SampleImages.Jpeg(1080, 1080, minimumBytes: 40_000));
        var html = feed.Photo("fake.jpg", "<html><script>alert(1)</script></html>"u8.ToArray());
        var refused = new Uri($"http://127.0.0.2:{feed.BaseUrl.Port}/photos/large.jpg"); // loopback, but not in Feeds:AllowedNetworks
        feed.Document = FeedServer.Rss(
            ("large", "Foto besar", "Satu.", "https://dinkes.example.go.id/1", large),
            ("fake", "Bukan foto", "Dua.", "https://dinkes.example.go.id/2", html),
            ("refused", "Alamat terlarang", "Tiga.", "https://dinkes.example.go.id/3", refused));
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);

        await PollAsync(scenario, subscription);

        var items = (await SubmittedAsync(scenario)).ToDictionary(i => i.Str("title"));
        Assert.All(items.Values, i => Assert.Empty(i["mediaIds"]!.AsArray()));
        Assert.Contains("at most 16384", items["Foto besar"]["source"]!.Str("photoProblem"), StringComparison.Ordinal);
        Assert.Contains("not a JPEG or PNG", items["Bukan foto"]["source"]!.Str("photoProblem"), StringComparison.Ordinal);
        Assert.Contains("127.0.0.2", items["Alamat terlarang"]["source"]!.Str("photoProblem"), StringComparison.Ordinal);
        Assert.Contains("does not fetch from", items["Alamat terlarang"]["source"]!.Str("photoProblem"), StringComparison.Ordinal);
    }
#endif

#if !ON_POSTGRESQL
    [Fact]
    public async Task A_subscription_is_refused_for_another_opd_a_refused_address_or_a_second_time_and_an_opd_admin_sees_only_their_own()
    {
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        var (_, adminToken) = await scenario.CreateUserAsync("Admin Dishub", "opdAdmin", "dishub");
        using var dishubAdmin = scenario.ClientWith(adminToken);

        var otherOpd = await dishubAdmin.PostAsync("/api/feeds", new { opd = Opd, url = "http://127.0.0.1:1/feed.xml", accountIds = new[] { account } });
        var privateAddress = await scenario.Api.PostAsync("/api/feeds", new { opd = Opd, url = "http://10.1.2.3/feed.xml", accountIds = new[] { account } });
        var notHttp = await scenario.Api.PostAsync("/api/feeds", new { opd = Opd, url = "file:///etc/passwd", accountIds = new[] { account } });
        var noAccount = await scenario.Api.PostAsync("/api/feeds", new { opd = Opd, url = "http://127.0.0.1:1/feed.xml", accountIds = Array.Empty<string>() });
        await SubscribeAsync(scenario, new Uri("http://127.0.0.1:1/feed.xml"), account);
        var twice = await scenario.Api.PostAsync("/api/feeds", new { opd = Opd, url = "http://127.0.0.1:1/feed.xml", accountIds = new[] { account } });

        Assert.Equal(HttpStatusCode.Forbidden, otherOpd.Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, privateAddress.Response.StatusCode);
        Assert.Contains("10.1.2.3", privateAddress.Body!["errors"]!["url"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notHttp.Response.StatusCode);
        Assert.NotNull(notHttp.Body!["errors"]!["url"]);
        Assert.NotNull(noAccount.Body!["errors"]!["accountIds"]);
        Assert.Equal(HttpStatusCode.Conflict, twice.Response.StatusCode);
        Assert.Empty((await dishubAdmin.GetJsonAsync("/api/feeds")).AsArray());
        Assert.Single((await scenario.Api.GetJsonAsync("/api/feeds")).AsArray());
    }
#endif

#if !ON_POSTGRESQL
    [Fact]
    public async Task An_item_made_from_a_feed_passes_review_and_publishes_to_its_channel()
    {
        await using var feed = await FeedServer.StartAsync();
        await using var scenario = await Scenario.StartAsync();
        var account = await SetUpAsync(scenario);
        feed.Document = FeedServer.Rss(("post-1", "Posyandu keliling", "Posyandu keliling menyambangi warga.", "https://dinkes.example.go.id/posyandu", feed.Photo("p.jpg", SampleImages.Jpeg(800, 800))));
        var subscription = await SubscribeAsync(scenario, feed.FeedUrl, account);
        await PollAsync(scenario, subscription);
        var id = Assert.Single(await SubmittedAsync(scenario)).Str("id");

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { }, 200);
        var published = await scenario.WaitForItemStatusAsync(id, "published");

        var delivery = Assert.Single(published["deliveries"]!.AsArray())!;
        Assert.StartsWith("https://", delivery.Str("permalink"), StringComparison.Ordinal);
        using var sandbox = new HttpClient();
        Assert.Contains("Posyandu keliling", await sandbox.GetStringAsync(new Uri(scenario.Sandbox.Address + "/_sandbox/posts")), StringComparison.Ordinal);
    }

#endif

    private static async Task<string> SetUpAsync(Scenario scenario)
    {
        await scenario.CreateOpdAsync(Opd, "Dinas Kesehatan");
        return await scenario.CreateAccountAsync(Opd, "facebook", "1000002");
    }

    private static async Task<string> SubscribeAsync(Scenario scenario, Uri url, string account) =>
        (await scenario.Api.PostExpectAsync("/api/feeds", new { opd = Opd, url = url.ToString(), name = "Portal Dinkes", accountIds = new[] { account } }, 201)).Str("id");

    private static async Task<JsonNode> PollAsync(Scenario scenario, string subscription) =>
        await scenario.Api.PostExpectAsync($"/api/feeds/{subscription}/poll", null, 200);

    private static async Task<List<JsonNode>> SubmittedAsync(Scenario scenario) =>
        [.. (await scenario.Api.GetJsonAsync($"/api/items?opd={Opd}&status=submitted")).AsArray().Select(i => i!)];
}
