using System.Net;
using System.Net.Http.Json;
using System.Web;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Sharing;

public sealed class ShareLinkTests
{
    private const string Ani = "198703152010011002";
    private const string Budi = "198703152010011003";
    private const string Portal = "https://portal.example.go.id/berita/taman-samarendah";

    [Fact]
    public async Task The_same_asn_and_item_always_get_the_same_short_link_and_another_asn_gets_another()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);

        var first = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        var again = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        var budi = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Budi}");

        Assert.Equal(first.Str("code"), again.Str("code"));
        Assert.NotEqual(first.Str("code"), budi.Str("code"));
        Assert.Matches("^[0-9A-Za-z]{10}$", first.Str("code"));
        Assert.Equal(new Uri(scenario.Broker.BaseUrl, "s/" + first.Str("code")), new Uri(first.Str("url")));
        Assert.DoesNotContain(Ani, first.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_and_closing_sharing_hold_while_the_item_changes_underneath_them()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var items = scenario.Broker.Services.GetRequiredService<IItemStore>();
        var changes = scenario.Broker.Services.GetRequiredService<IStateChanges>();

        // Another writer keeps changing the item (as its deliveries' progress does) while an editor closes and opens
        // sharing without naming a version: each request applies to the item as it then stands.
        using var stop = new CancellationTokenSource();
        var touches = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var current = (await items.GetAsync(item, CancellationToken.None))!;
                current.UpdatedAt = current.UpdatedAt.AddTicks(1);
                if (await changes.CommitAsync(new StateChange().Update(current), CancellationToken.None))
                {
                    Interlocked.Increment(ref touches);
                }

                await Task.Delay(5);
            }
        });
        var answers = new List<HttpStatusCode>();
        // At least 15 rounds, and on until the other writer has changed the item 10 times (a fast machine finishes 15
        // rounds before it has).
        for (var round = 0; (round < 15 || Volatile.Read(ref touches) < 10) && round < 1000; round++)
        {
            answers.Add((await scenario.Api.DeleteAsync(new Uri($"/api/items/{item}/sharing", UriKind.Relative))).StatusCode);
            answers.Add((await scenario.Api.PostAsJsonAsync($"/api/items/{item}/sharing", new { })).StatusCode);
        }

        await stop.CancelAsync();
        await writer;

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.True(touches >= 10, $"the other writer changed the item {touches} times");
        Assert.NotNull((await items.GetAsync(item, CancellationToken.None))!.SharedAt);
    }

    [Fact]
    public async Task Each_intent_is_a_well_formed_url_of_its_platform_carrying_the_asns_link_and_the_share_text()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var link = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        var url = link.Str("url");
        var intents = link["intents"]!;

        var whatsapp = new Uri(intents.Str("whatsapp"));
        Assert.Equal("https://wa.me/", whatsapp.GetLeftPart(UriPartial.Path));
        Assert.Contains(url + "?via=whatsapp", HttpUtility.ParseQueryString(whatsapp.Query)["text"], StringComparison.Ordinal);
        Assert.StartsWith("Wali Kota resmikan Taman Samarendah — info resmi Dinas Komunikasi", HttpUtility.ParseQueryString(whatsapp.Query)["text"], StringComparison.Ordinal);

        var facebook = new Uri(intents.Str("facebook"));
        Assert.Equal("https://www.facebook.com/sharer/sharer.php", facebook.GetLeftPart(UriPartial.Path));
        Assert.Equal(url + "?via=facebook", HttpUtility.ParseQueryString(facebook.Query)["u"]);

        var x = new Uri(intents.Str("x"));
        Assert.Equal("https://x.com/intent/tweet", x.GetLeftPart(UriPartial.Path));
        Assert.Equal(url + "?via=x", HttpUtility.ParseQueryString(x.Query)["url"]);
        Assert.False(string.IsNullOrEmpty(HttpUtility.ParseQueryString(x.Query)["text"]));

        var telegram = new Uri(intents.Str("telegram"));
        Assert.Equal("https://t.me/share/url", telegram.GetLeftPart(UriPartial.Path));
        Assert.Equal(url + "?via=telegram", HttpUtility.ParseQueryString(telegram.Query)["url"]);

        using var anonymous = scenario.ClientWith(null);
        var qr = await anonymous.GetAsync(new Uri(link.Str("qr")));
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await qr.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task A_person_is_redirected_to_the_recorded_target_with_utm_and_the_click_is_counted()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        using var visitor = Visitor(scenario, "Mozilla/5.0 (Linux; Android 14) Chrome/130");

        var response = await visitor.GetAsync($"/s/{code}?via=whatsapp");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(Portal, location.GetLeftPart(UriPartial.Path));
        var utm = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("asn", utm["utm_source"]);
        Assert.Equal("whatsapp", utm["utm_medium"]);
        Assert.StartsWith("wali-kota-resmikan-taman-samarendah-", utm["utm_campaign"], StringComparison.Ordinal);
        var clicks = await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/items/{item}/clicks"), c => c["total"]!.GetValue<int>() == 1, "the click to be counted");
        Assert.Equal(Ani, clicks["byAsn"]![0]!.Str("nip"));
        Assert.Equal("dinkes", clicks["byOpd"]![0]!.Str("opd"));
    }

    [Fact]
    public async Task Without_a_portal_link_the_redirect_goes_to_the_first_published_permalink()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario, link: "");
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        var permalink = (await scenario.ItemAsync(item))["deliveries"]![0]!.Str("permalink");
        using var visitor = Visitor(scenario, "Mozilla/5.0");

        var location = (await visitor.GetAsync($"/s/{code}")).Headers.Location!;

        Assert.Equal(permalink, location.GetLeftPart(UriPartial.Path));
        Assert.Equal("link", HttpUtility.ParseQueryString(location.Query)["utm_medium"]);
    }

    /// <summary>Every robot on one link (one broker, one item): each gets the preview, and only the person is counted.</summary>
    [Fact]
    public async Task A_link_preview_robot_gets_open_graph_tags_and_is_not_counted()
    {
        string[] robots =
        [
            "WhatsApp/2.23.20.0 A",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "TelegramBot (like TwitterBot)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        ];
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");

        foreach (var robot in robots)
        {
            using var preview = Visitor(scenario, robot);

            var response = await preview.GetAsync($"/s/{code}");
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{robot}: {(int)response.StatusCode}");
            Assert.Contains("<meta property=\"og:title\" content=\"Wali Kota resmikan Taman Samarendah\">", html, StringComparison.Ordinal);
            Assert.Contains("property=\"og:description\"", html, StringComparison.Ordinal);
            Assert.Contains($"<meta property=\"og:image\" content=\"{scenario.Broker.BaseUrl}media/", html, StringComparison.Ordinal);
        }

        using var person = Visitor(scenario, "Mozilla/5.0");
        await person.GetAsync($"/s/{code}");
        var clicks = await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/items/{item}/clicks"), c => c["total"]!.GetValue<int>() >= 1, "the person's click");
        Assert.Equal(1, clicks["total"]!.GetValue<int>());
    }

    /// <summary>Every kind of unknown code against one broker with a shared item (so there are real codes to miss).</summary>
    [Fact]
    public async Task An_unknown_code_gets_a_plain_404_page_and_never_a_redirect()
    {
        string[] paths = ["/s/AAAAAAAAAA", "/s/short", "/s/%2F%2Fevil.example", "/s/AAAAAAAAAA?url=https://evil.example/"];
        await using var scenario = await Scenario.StartAsync();
        await SharedItemAsync(scenario);
        using var visitor = Visitor(scenario, "Mozilla/5.0");

        foreach (var path in paths)
        {
            var response = await visitor.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
            Assert.Contains("Tautan tidak ditemukan", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_link_stops_when_sharing_ends_and_an_item_not_open_for_sharing_gets_no_link()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        var item = await SharedItemAsync(scenario, until: clock.GetUtcNow().AddDays(2));
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        using var visitor = Visitor(scenario, "Mozilla/5.0");
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/s/{code}")).StatusCode);

        clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/s/{code}")).StatusCode);
        var (refused, problem) = await scenario.Api.SendAsync(HttpMethod.Get, $"/api/items/{item}/share-link?asn={Ani}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ended", problem!.Str("detail"), StringComparison.Ordinal);
        var unshared = await scenario.SubmitItemAsync("diskominfo", [(await scenario.Api.GetJsonAsync("/api/accounts"))[0]!.Str("id")]);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Api.SendAsync(HttpMethod.Get, $"/api/items/{unshared}/share-link?asn={Ani}")).Response.StatusCode);
    }

    [Fact]
    public async Task Counts_and_uniques_are_right_after_many_clicks_from_several_visitors_and_survive_a_restart()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var ani = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        var budi = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Budi}")).Str("code");

        // Five visitors (told apart by their addresses, 127.0.0.1 to .5) click Ani's link 40 times each, three click Budi's 10 times.
        var clicks = new List<Task<HttpResponseMessage>>();
        var visitors = Enumerable.Range(1, 5).Select(i => scenario.Broker.ClientFrom(IPAddress.Parse($"127.0.0.{i}"))).ToList();
        for (var round = 0; round < 40; round++)
        {
            clicks.AddRange(visitors.Select(v => v.GetAsync($"/s/{ani}")));
            if (round < 10)
            {
                clicks.AddRange(visitors.Take(3).Select(v => v.GetAsync($"/s/{budi}?via=telegram")));
            }
        }

        Assert.All(await Task.WhenAll(clicks), r => Assert.Equal(HttpStatusCode.Found, r.StatusCode));
        await scenario.Broker.RestartAsync();

        var counts = await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks");
        Assert.Equal(230, counts["total"]!.GetValue<int>());
        Assert.Equal(5, counts["unique"]!.GetValue<int>());
        var byAsn = counts["byAsn"]!.AsArray().ToDictionary(a => a!.Str("nip"), a => (Total: a!["total"]!.GetValue<int>(), Unique: a["unique"]!.GetValue<int>()));
        Assert.Equal((200, 5), byAsn[Ani]);
        Assert.Equal((30, 3), byAsn[Budi]);
        Assert.Equal("Ani", counts["byAsn"]![0]!.Str("name"));
        var report = await scenario.Api.GetJsonAsync("/api/reports/amplification");
        Assert.Equal(Ani, report["asn"]![0]!.Str("nip"));
        Assert.Equal(1, report["asn"]![0]!["rank"]!.GetValue<int>());
        Assert.Equal(230, report["totals"]!["clicks"]!.GetValue<int>());
        visitors.ForEach(v => v.Dispose());
    }

    [Fact]
    public async Task An_asn_sees_their_share_list_with_their_own_links_and_counts_only()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario);
        var (_, token) = await scenario.CreateUserAsync("Ani", "asn", asnNip: Ani);
        using var aniClient = scenario.ClientWith(token);

        var list = await aniClient.GetJsonAsync("/api/share-list");
        var entry = Assert.Single(list.AsArray())!;
        Assert.Equal(item, entry.Str("itemId"));
        var code = entry["link"]!.Str("code");
        using var visitor = Visitor(scenario, "Mozilla/5.0");
        await visitor.GetAsync($"/s/{code}");
        await Eventually.WaitAsync(() => aniClient.GetJsonAsync("/api/share-list"), l => l[0]!["clicks"]!["total"]!.GetValue<int>() == 1, "Ani's count");

        Assert.Equal(HttpStatusCode.Forbidden, (await aniClient.SendAsync(HttpMethod.Get, $"/api/items/{item}/share-link?asn={Budi}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aniClient.SendAsync(HttpMethod.Get, $"/api/items/{item}/clicks")).Response.StatusCode);
    }

    [Fact]
    public async Task An_item_shared_with_chosen_opds_appears_only_on_their_asns_lists()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario, opds: ["dinkes"]);
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        const string citra = "198703152010011009";
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = citra, name = "Citra", opd = "dishub" }, 201);

        Assert.Single((await scenario.Api.GetJsonAsync($"/api/share-list?asn={Ani}")).AsArray());
        Assert.Empty((await scenario.Api.GetJsonAsync($"/api/share-list?asn={citra}")).AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Api.SendAsync(HttpMethod.Get, $"/api/items/{item}/share-link?asn={citra}")).Response.StatusCode);
    }

    [Fact]
    public async Task An_editor_can_open_an_item_for_sharing_in_the_same_step_as_approving_it()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook]);

        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { share = new { opds = new[] { "dinkes" } } }, 200);

        Assert.Equal(item, Assert.Single((await scenario.Api.GetJsonAsync($"/api/share-list?asn={Ani}")).AsArray())!.Str("itemId"));
    }

    /// <summary>A published item of Diskominfo's, open for sharing, and two ASN of dinkes (Ani and Budi).</summary>
    internal static async Task<string> SharedItemAsync(Scenario scenario, string? link = Portal, DateTimeOffset? until = null, string[]? opds = null)
    {
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Budi, name = "Budi", opd = "dinkes" }, 201);
        var photo = await scenario.UploadPhotoAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook], [photo], link: link);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");
        await scenario.Api.PostExpectAsync($"/api/items/{item}/sharing", new { until, opds }, 200);
        return item;
    }

    private static HttpClient Visitor(Scenario scenario, string userAgent)
    {
        var client = scenario.ClientWith(null);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }
}
