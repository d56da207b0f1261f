using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>What an editor watches: the calendar, failed deliveries to retry, accounts that need re-authorisation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    [Fact]
    public async Task An_editor_retries_a_failed_delivery_which_an_opd_admin_can_only_watch_and_it_is_published()
    {
        site.Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "*", FaultKinds.Permanent, Message: "Invalid parameter: link"));
        var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: "Lomba kebersihan antar-RT");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await site.Scenario.WaitForItemStatusAsync(id, "failed");

        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken);
        await sari.Page.GotoAsync("/pengiriman");
        await Expect(sari.Page.Locator(".problem", new() { HasText = "Lomba kebersihan" })).ToContainTextAsync("Invalid parameter");
        await Expect(sari.Page.Locator(".problem button")).ToHaveCountAsync(0);

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/pengiriman");
        var problem = editor.Page.Locator(".problem", new() { HasText = "Lomba kebersihan" });
        await Screenshots.TakeAsync(editor.Page, "09-editor-failed-deliveries");
        await problem.Locator("button:has-text('Coba ulang sekarang')").ClickAsync();
        await Expect(editor.Page.Locator("[role=status]")).ToHaveTextAsync("Pengiriman dicoba ulang.");
        await site.Scenario.WaitForItemStatusAsync(id, "published");
        await editor.Page.GotoAsync($"/konten/{id}");
        await Expect(editor.Page.Locator("#item-status")).ToHaveTextAsync("Terbit");
    }

    [Fact]
    public async Task An_account_whose_token_was_revoked_gets_a_re_authorisation_banner_with_its_waiting_deliveries()
    {
        site.Scenario.Sandbox.State.RevokeToken("instagram", "token-1784000002");
        var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Instagram], mediaIds: [await site.Scenario.UploadPhotoAsync()], title: "Senam sehat bersama");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await Eventually.WaitAsync(() => site.Scenario.ItemAsync(id), i => i["deliveries"]![0]!.Str("status") == "held", "the delivery to be held");

        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        await sari.Page.GotoAsync("/akun");
        await Expect(sari.Page.Locator("#reauth")).ToContainTextAsync("1 akun perlu otorisasi ulang");
        await Expect(sari.Page.Locator("#reauth")).ToContainTextAsync("instagram 1784000002");
        await Expect(sari.Page.Locator("#reauth")).ToContainTextAsync("1 pengiriman menunggu");
        await Screenshots.TakeAsync(sari.Page, "10-opd-admin-reauthorisation-banner");
    }

    [Fact]
    public async Task The_calendar_shows_a_delivery_scheduled_for_tomorrow_on_tomorrows_day()
    {
        var tomorrow = TimeProvider.System.GetUtcNow().AddDays(1);
        var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.X], title: "Peresmian jembatan Mahakam Ulu", publishAt: tomorrow);
        await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync("/jadwal");
        var day = editor.Page.Locator("section.card").Nth(1);
        await Expect(day.Locator("a", new() { HasText = "Peresmian jembatan" })).ToHaveCountAsync(1);
        await Expect(day).ToContainTextAsync("Terjadwal");
        await Screenshots.TakeAsync(editor.Page, "11-editor-calendar");
    }
}
