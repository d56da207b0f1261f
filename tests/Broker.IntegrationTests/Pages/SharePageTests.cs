using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>The ASN's share page shows what <c>GET /api/share-list</c> gives the same person, under the same rules.</summary>
public sealed class SharePageTests
{
    private const string Ani = "198703152010011002";
    private const string Citra = "198703152010011009";

    [Fact]
    public async Task An_asn_sees_their_items_with_intents_carrying_their_own_link_a_qr_and_their_counts_with_no_script()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await SharedItemAsync(scenario, "Festival kuliner Tepian Mahakam");
        var (_, token) = await scenario.CreateUserAsync("Ani", "asn", asnNip: Ani);
        using var ani = await PageSession.SignInAsync(scenario, token);
        var link = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        var code = link.Str("code");

        var page = await ani.GetAsync("/asn");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Festival kuliner Tepian Mahakam", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Html(link["intents"]!.Str("whatsapp"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Html(link["intents"]!.Str("telegram"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Html(link.Str("qr"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"readonly value=\"{Html(link.Str("url"))}\"", html, StringComparison.Ordinal);
        Assert.Contains("0 klik · 0 unik", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var visitor = scenario.ClientWith(null);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/s/{code}?via=whatsapp")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/s/{code}?via=telegram")).StatusCode);
        var counted = await Eventually.WaitAsync(
            async () => WebUtility.HtmlDecode(await (await ani.GetAsync("/asn")).Content.ReadAsStringAsync()), h => h.Contains("2 klik · 1 unik", StringComparison.Ordinal), "Ani's two clicks");
        Assert.Contains("diklik 2 kali oleh 1 pengunjung unik", counted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whose_list_the_page_shows_follows_the_share_list_rules_of_the_api()
    {
        await using var scenario = await Scenario.StartAsync();
        await SharedItemAsync(scenario, "Festival kuliner Tepian Mahakam", opds: ["dinkes"]);
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Citra, name = "Citra", opd = "dishub" }, 201);
        using var ani = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Ani", "asn", asnNip: Ani)).Token);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        using var dishubAdmin = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Budi", "opdAdmin", "dishub")).Token);
        using var reporter = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Rina", "reporter")).Token);

        var anisOwn = await (await editor.GetAsync($"/asn?nip={Ani}")).Content.ReadAsStringAsync();
        Assert.Contains("Daftar bagikan Ani (NIP 198703152010011002)", anisOwn, StringComparison.Ordinal);
        Assert.Contains("Festival kuliner Tepian Mahakam", anisOwn, StringComparison.Ordinal);
        Assert.Contains("name=\"nip\"", await (await editor.GetAsync("/asn")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var citrasOwn = await (await dishubAdmin.GetAsync($"/asn?nip={Citra}")).Content.ReadAsStringAsync();
        Assert.Contains("Daftar bagikan Citra", citrasOwn, StringComparison.Ordinal);
        Assert.Contains("Belum ada konten untuk dibagikan", citrasOwn, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await dishubAdmin.GetAsync($"/asn?nip={Ani}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ani.GetAsync($"/asn?nip={Citra}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/asn")).StatusCode);
    }

    /// <summary>A published item of Diskominfo's open for sharing with every ASN (or chosen OPDs'), and Ani, an ASN of dinkes.</summary>
    private static async Task<string> SharedItemAsync(Scenario scenario, string title, string[]? opds = null)
    {
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook], title: title);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");
        await scenario.Api.PostExpectAsync($"/api/items/{item}/sharing", new { opds }, 200);
        return item;
    }

    private static string Html(string url) => url.Replace("&", "&amp;", StringComparison.Ordinal);
}
