using System.Text.RegularExpressions;
using System.Web;
using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// Flow 7 in the browser: an ASN on a phone taps WhatsApp on their share page, a friend follows the short link, and the
/// click shows on the ASN's page. The network is closed: wa.me and the portal are answered by Playwright's routing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SharingJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    private const string Ani = "198703152010011002";
    private const string Title = "Festival kuliner Tepian Mahakam dibuka akhir pekan ini";

    [Fact]
    public async Task An_asn_taps_whatsapp_which_carries_their_own_short_link_and_a_friends_click_on_it_shows_on_their_page()
    {
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: Title);
        await site.Scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await site.Scenario.WaitForItemStatusAsync(item, "published");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{item}/sharing", new { }, 200);
        await site.Scenario.Api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = BrokerSite.Opd }, 201);
        var token = (await site.Scenario.CreateUserAsync("Ani", "asn", asnNip: Ani)).Token;

        await using var ani = await site.SignInAsync(chromium.Browser, token, phone: true);
        Assert.EndsWith("/asn", ani.Page.Url, StringComparison.Ordinal);
        var card = ani.Page.Locator("article", new() { HasText = Title });
        await Expect(card.Locator(".m").Last).ToHaveTextAsync("0 klik · 0 unik");
        await Screenshots.TakeAsync(ani.Page, "12-asn-share-list-on-a-phone");

        string? opened = null;
        await ani.Context.RouteAsync("https://wa.me/**", route =>
        {
            opened = route.Request.Url;
            return route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>WhatsApp</p>" });
        });
        var href = await card.Locator("a.wa").GetAttributeAsync("href");
        // The intent is a plain link (no script on the page), so what is waited for here is Chromium's navigation, not the
        // broker. Its phone emulation has let a first click on it go without navigating (twice on CI, a 90 s wait each
        // time, never on a rerun): a second tap is what the person holding the phone does.
        for (var tap = 1; ; tap++)
        {
            await card.Locator("a:has-text('WhatsApp')").ClickAsync();
            try
            {
                await ani.Page.WaitForURLAsync("https://wa.me/**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
                break;
            }
            catch (TimeoutException) when (tap < 3 && opened is null)
            {
            }
        }

        await ani.Page.GotoAsync("/asn");

        Assert.Equal(href, opened);
        Assert.StartsWith("https://wa.me/?text=", opened, StringComparison.Ordinal);
        var text = HttpUtility.ParseQueryString(new Uri(opened!).Query)["text"]!;
        Assert.StartsWith(Title, text, StringComparison.Ordinal);
        var shortLink = ShortLink().Match(text);
        Assert.True(shortLink.Success, $"no /s/{{code}}?via=whatsapp link at the end of '{text}'");
        Assert.Equal(site.Scenario.Broker.BaseUrl.GetLeftPart(UriPartial.Authority), shortLink.Groups["base"].Value);
        var link = await site.Scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        Assert.Equal(link.Str("code"), shortLink.Groups["code"].Value);
        Assert.DoesNotContain(Ani, opened, StringComparison.Ordinal);

        // A friend follows the link from the chat: the broker answers 302 to the portal, which the closed network cannot reach.
        await using var friend = await site.VisitAsync(chromium.Browser, phone: true);
        string? portal = null;
        await friend.Context.RouteAsync(url => url.Contains("/s/", StringComparison.Ordinal), async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            Assert.Equal(302, answer.Status);
            portal = answer.Headers["location"];
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<h1>Portal</h1>" });
        });
        await friend.Page.GotoAsync(shortLink.Value);
        Assert.StartsWith("https://portal.example.go.id/berita/taman-samarendah?utm_source=asn&utm_medium=whatsapp&utm_campaign=", portal, StringComparison.Ordinal);

        await Eventually.WaitAsync(
            async () =>
            {
                await ani.Page.ReloadAsync();
                return await card.Locator(".m").Last.TextContentAsync();
            },
            counts => counts == "1 klik · 1 unik",
            "the friend's click to show on Ani's page");
        await Expect(ani.Page.Locator("#counts")).ToContainTextAsync("1 kali oleh 1 pengunjung unik");
        await Screenshots.TakeAsync(ani.Page, "13-asn-sees-the-click");

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/laporan#amplification");
        await Expect(editor.Page.Locator("#amplification-asn tbody tr").First).ToContainTextAsync("Ani");
        await Expect(editor.Page.Locator("#amplification-opds tbody tr").First).ToContainTextAsync("Dinas Kesehatan");
        await Screenshots.TakeAsync(editor.Page, "17-editor-amplification-leaderboards");
        var download = await editor.Page.RunAndWaitForDownloadAsync(() => editor.Page.ClickAsync("a:has-text('CSV: per ASN')"));
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["rank,nip,name,opd,links,clicks,unique", $"1,{Ani},Ani,dinkes,1,1,1"], lines);
    }

    [GeneratedRegex(@"\n(?<base>https?://[^/]+)/s/(?<code>[0-9A-Za-z]{10})\?via=whatsapp$")]
    private static partial Regex ShortLink();
}
