using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task An_item_opened_or_closed_here_shows_at_once_and_one_closed_by_another_node_within_the_cache_time()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Sharing:OpenItemsCacheTime"] = "00:00:00.300");
        var festival = await SharedItemAsync(scenario, "Festival kuliner Tepian Mahakam");
        var accounts = (await scenario.Api.GetJsonAsync($"/api/items/{festival}"))["accountIds"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        using var ani = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Ani", "asn", asnNip: Ani)).Token);
        async Task<string> ListAsync() => await (await ani.GetAsync("/asn")).Content.ReadAsStringAsync();
        Assert.Contains("Festival kuliner Tepian Mahakam", await ListAsync(), StringComparison.Ordinal);
        var second = await scenario.SubmitItemAsync("diskominfo", accounts, title: "Lomba perahu naga");
        await scenario.Api.PostExpectAsync($"/api/items/{second}/approve", null, 200);

        await scenario.Api.PostExpectAsync($"/api/items/{second}/sharing", new { }, 200);
        Assert.Contains("Lomba perahu naga", await ListAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.DeleteAsync(new Uri($"/api/items/{second}/sharing", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("Lomba perahu naga", await ListAsync(), StringComparison.Ordinal);

        // Another node's change reaches no cache here: this node reads the open items again once its list is older than the cache time.
        var items = scenario.Broker.Services.GetRequiredService<IItemStore>();
        var first = (await items.ListOpenAsync(scenario.Broker.Services.GetRequiredService<TimeProvider>().GetUtcNow(), 10, CancellationToken.None)).Single();
        first.SharedAt = null;
        Assert.True(await scenario.Broker.Services.GetRequiredService<IStateChanges>().CommitAsync(new StateChange().Update(first), CancellationToken.None));
        await Eventually.WaitAsync(ListAsync, h => h.Contains("Belum ada konten untuk dibagikan", StringComparison.Ordinal), "the item closed elsewhere to leave the list");
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
