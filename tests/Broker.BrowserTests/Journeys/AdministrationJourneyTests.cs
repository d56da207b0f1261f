using System.Globalization;
using System.Text;
using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// Running the city from the pages: an editor onboards 300 ASN from a CSV file and hands out sign-in links, an ASN signs
/// in from their link on a phone and shares, and an editor opens an item for sharing by two OPDs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    [Fact]
    public async Task An_editor_onboards_300_asn_from_a_csv_checks_the_preview_confirms_and_hands_out_sign_in_links()
    {
        await site.Scenario.CreateOpdAsync("dispar", "Dinas Pariwisata");
        var csv = new StringBuilder("nip,name,opd,phone\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"19910404{i:D10},Pegawai {i:D3},dispar,0813{i:D8}\n");
        }

        csv.Append("1991,NIP pendek,dispar,\n");
        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/direktori-asn");
        await editor.Page.ClickAsync("a:has-text('Impor dari CSV')");
        await editor.Page.SetInputFilesAsync("#file", new FilePayload { Name = "asn-dispar.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await editor.Page.ClickAsync("#upload");

        await Expect(editor.Page.Locator("#import-summary")).ToHaveTextAsync("300 baris akan ditambahkan, 1 baris ditolak.");
        await Expect(editor.Page.Locator("tr.refused")).ToContainTextAsync("NIP '1991' tidak sah");
        await Screenshots.TakeAsync(editor.Page, "40-editor-asn-import-preview");
        Assert.Empty((await site.Scenario.Api.GetJsonAsync("/api/asn?opd=dispar")).AsArray());
        await editor.Page.ClickAsync("#confirm-import");
        await Expect(editor.Page.Locator("#import-done")).ToContainTextAsync("300 ASN ditambahkan");
        Assert.Equal(300, (await site.Scenario.Api.GetJsonAsync("/api/asn?opd=dispar&limit=1000")).AsArray().Count);

        await using var phone = await site.SignInAsync(chromium.Browser, site.EditorToken, phone: true);
        await phone.Page.GotoAsync("/direktori-asn/tautan");
        await phone.Page.SelectOptionAsync("#opd", "dispar");
        await phone.Page.ClickAsync("#make-whatsapp");
        await Expect(phone.Page.Locator("#handouts")).ToContainTextAsync("300 tautan dibuat");
        await Expect(phone.Page.Locator("tr.handout")).ToHaveCountAsync(300);
        Assert.StartsWith("https://wa.me/62813", await phone.Page.Locator("tr.handout a.button").First.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Screenshots.TakeAsync(phone.Page, "41-editor-sign-in-links-on-a-phone");
    }

    [Fact]
    public async Task An_asn_opens_their_sign_in_link_on_a_phone_signs_in_and_shares_an_item()
    {
        const string Nip = "199205052015011001";
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: "Pasar murah di Lapangan Pemuda", publishAt: TimeProvider.System.GetUtcNow().AddDays(2));
        await site.Scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(2) }, 200);
        await site.Scenario.Api.PostExpectAsync($"/api/items/{item}/sharing", new { }, 200);
        await site.Scenario.Api.PostExpectAsync("/api/asn", new { nip = Nip, name = "Rahmat", opd = BrokerSite.Opd }, 201);
        var user = await site.Scenario.CreateUserAsync("Rahmat", "asn", asnNip: Nip);
        var link = (await site.Scenario.Api.PostExpectAsync($"/api/users/{user.Id}/sign-in-link", null, 201)).Str("url");

        await using var rahmat = await site.VisitAsync(chromium.Browser, phone: true);
        await rahmat.Page.GotoAsync(link);
        await Screenshots.TakeAsync(rahmat.Page, "42-asn-opens-a-sign-in-link");
        await rahmat.Page.ClickAsync("#link-sign-in");
        await rahmat.Page.WaitForURLAsync(url => url.EndsWith("/asn", StringComparison.Ordinal));
        var card = rahmat.Page.Locator("article", new() { HasText = "Pasar murah di Lapangan Pemuda" });
        string? opened = null;
        await rahmat.Context.RouteAsync("https://wa.me/**", route =>
        {
            opened = route.Request.Url;
            return route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<p>WhatsApp</p>" });
        });
        await card.Locator("a:has-text('WhatsApp')").ClickAsync();
        await rahmat.Page.WaitForURLAsync("https://wa.me/**");
        Assert.Contains("%2Fs%2F", opened, StringComparison.Ordinal);

        await using var again = await site.VisitAsync(chromium.Browser, phone: true);
        await again.Page.GotoAsync(link);
        await Expect(again.Page.Locator("#link-problem")).ToContainTextAsync("sudah dipakai");
        await Screenshots.TakeAsync(again.Page, "43-a-used-sign-in-link");
    }

    [Fact]
    public async Task An_editor_opens_an_item_for_sharing_by_two_opds_until_a_time()
    {
        await site.Scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await site.Scenario.CreateOpdAsync("disdik", "Dinas Pendidikan");
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: "Uji emisi kendaraan gratis", publishAt: TimeProvider.System.GetUtcNow().AddDays(2));
        await site.Scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(2) }, 200);

        foreach (var phone in new[] { false, true })
        {
            await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken, phone);
            await editor.Page.GotoAsync($"/konten/{item}");
            if (phone)
            {
                await Expect(editor.Page.Locator("#share-state")).ToContainTextAsync("Dinas Kesehatan, Dinas Perhubungan");
                await Screenshots.TakeAsync(editor.Page, "45-item-shared-by-two-opds-on-a-phone");
                break;
            }

            await Expect(editor.Page.Locator("#share-state")).ToContainTextAsync("Belum dibuka");
            await editor.Page.CheckAsync("input[name=scope][value=chosen]");
            await editor.Page.CheckAsync("input[name=opd][value=dinkes]");
            await editor.Page.CheckAsync("input[name=opd][value=dishub]");
            await editor.Page.FillAsync("#share-until", TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            await Screenshots.TakeAsync(editor.Page, "44-editor-opens-sharing-for-two-opds");
            await editor.Page.ClickAsync("#share");
            await Expect(editor.Page.Locator("main > p[role=status]").First).ToContainTextAsync("Pengaturan bagikan disimpan");
        }
    }
}
