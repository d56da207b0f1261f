using System.Text.RegularExpressions;
using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>Flow 6 in the browser: an OPD admin asks the city's accounts to amplify an item; an editor accepts it.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AmplificationJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    private const string Title = "Vaksinasi gratis di Puskesmas Sempaja";

    [Fact]
    public async Task An_opd_admin_requests_amplification_an_editor_accepts_and_approves_it_and_the_admin_sees_the_central_post()
    {
        var central = await site.Scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: Title);

        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        await sari.Page.ClickAsync("header details.menu summary"); // on a phone the links sit in the menu
        await sari.Page.ClickAsync("header details.menu a:has-text('Amplifikasi')");
        await sari.Page.SelectOptionAsync("#itemId", item);
        await sari.Page.FillAsync("#note", "Mohon disebarkan lewat akun kota: vaksinasi berlangsung sampai Jumat.");
        await sari.Page.CheckAsync($"input[value='{central}']");
        await Screenshots.TakeAsync(sari.Page, "14-opd-admin-requests-amplification");
        await sari.Page.ClickAsync("#request-form button[type=submit]");
        await sari.Page.WaitForURLAsync(Requested());
        await Expect(sari.Page.Locator("#request-status")).ToHaveTextAsync("Diminta");
        var request = Requested().Match(sari.Page.Url).Groups["id"].Value;

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.ClickAsync("header a:has-text('Amplifikasi')");
        var card = editor.Page.Locator($".request[data-id='{request}']");
        await Expect(card).ToContainTextAsync(Title);
        await Expect(card).ToContainTextAsync("Dinas Kesehatan");
        await Screenshots.TakeAsync(editor.Page, "15-editor-sees-amplification-requests");
        await card.Locator("button:has-text('Terima dan buat konten pusat')").ClickAsync();
        await editor.Page.WaitForURLAsync($"**/amplifikasi/{request}?selesai=accepted");
        await Expect(editor.Page.Locator("#request-status")).ToHaveTextAsync("Diterima");
        await Expect(editor.Page.Locator("#result-item")).ToContainTextAsync(Title);

        await editor.Page.ClickAsync("a:has-text('Tinjau konten ini')");
        await Expect(editor.Page.Locator(".post.facebook .text")).ToContainTextAsync(Title);
        await editor.Page.ClickAsync("button:has-text('Setujui dan jadwalkan')");
        await editor.Page.WaitForURLAsync("**/konten/*?selesai=approved");

        await sari.Page.GotoAsync($"/amplifikasi/{request}");
        await Expect(sari.Page.Locator("#request-status")).ToHaveTextAsync("Diterima");
        await Eventually.WaitAsync(
            async () =>
            {
                await sari.Page.ReloadAsync();
                return await sari.Page.Locator("tr.delivery[data-status=published]").CountAsync();
            },
            published => published == 1,
            "the central post to show as published on the request");
        await Expect(sari.Page.Locator("tr.delivery a:has-text('Lihat posting')")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(sari.Page, "16-opd-admin-follows-the-central-post");
        Assert.Single(site.Scenario.Sandbox.State.Posts("facebook"), p => p.Text?.Contains(Title, StringComparison.Ordinal) == true && p.AccountId == "1000001");
    }

    [GeneratedRegex(@"/amplifikasi/(?<id>[0-9a-f]{32})\?selesai=requested$")]
    private static partial Regex Requested();
}
