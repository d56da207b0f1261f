using Broker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>An editor suspends publishing (a banner on every page) and configures an election period.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GuardrailsJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    [Fact]
    public async Task An_editor_suspends_publishing_for_the_city_every_page_shows_the_banner_and_resuming_removes_it()
    {
        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/pengaman");
        await editor.Page.SelectOptionAsync("#scope", "city");
        await editor.Page.FillAsync("#reason", "Hari berkabung nasional");
        await editor.Page.ClickAsync("button:has-text('Hentikan penerbitan')");
        await Expect(editor.Page.Locator("#suspended")).ToContainTextAsync("Seluruh kota");

        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        await sari.Page.GotoAsync("/akun");
        await Expect(sari.Page.Locator("#suspended")).ToContainTextAsync("Hari berkabung nasional");
        await Screenshots.TakeAsync(sari.Page, "20-suspension-banner");

        await editor.Page.ClickAsync("button:has-text('Lanjutkan penerbitan')");
        await Expect(editor.Page.Locator("#no-suspension")).ToBeVisibleAsync();
        await sari.Page.GotoAsync("/akun");
        await Expect(sari.Page.Locator("#suspended")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_editor_creates_an_election_period_with_its_terms()
    {
        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/pengaman/pemilu");
        await editor.Page.FillAsync("#name", "Masa tenang Pilkada 2026");
        await editor.Page.SelectOptionAsync("#kind", "quietPeriod");
        await editor.Page.SelectOptionAsync("#rule", "refuse");
        await editor.Page.FillAsync("#startsAt", "2026-11-24T00:00");
        await editor.Page.FillAsync("#endsAt", "2026-11-27T00:00");
        await editor.Page.FillAsync("#terms", "Paslon 2\nPartai Maju\nBersama Membangun Kota");
        await editor.Page.ClickAsync("button:has-text('Simpan')");

        var row = editor.Page.Locator("#periods tr", new() { HasText = "Masa tenang Pilkada 2026" });
        await Expect(row).ToContainTextAsync("3 istilah");
        await Expect(row).ToContainTextAsync("Tolak persetujuan");
        await Screenshots.TakeAsync(editor.Page, "21-election-periods");
    }
}
