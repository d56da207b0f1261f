using Broker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>An OPD admin connects their Instagram account through the platform's login and chooses it on a page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountConnectionJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_opd_admin_connects_their_instagram_through_its_login_and_chooses_the_account(bool phone)
    {
        var size = phone ? "phone" : "desktop";
        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone);
        await sari.Page.GotoAsync("/akun");
        await Expect(sari.Page.Locator("#connect")).ToBeVisibleAsync();
        await sari.Page.CheckAsync("input[name=platform][value=instagram]");
        await Screenshots.TakeAsync(sari.Page, $"30-opd-admin-connects-instagram-{size}");
        await sari.Page.ClickAsync("button:has-text('Lanjut ke login platform')");

        // The sandbox's consent page answers at once and sends the browser back to the broker's chooser.
        await sari.Page.WaitForURLAsync("**/akun/sambung/*");
        var offered = sari.Page.Locator("input[name=externalIds]");
        await Expect(offered.First).ToBeVisibleAsync();
        await offered.First.CheckAsync();
        await Screenshots.TakeAsync(sari.Page, $"31-opd-admin-chooses-instagram-{size}");
        await sari.Page.ClickAsync("button:has-text('Tambahkan akun terpilih')");

        await Expect(sari.Page.Locator("[role=status]")).ToContainTextAsync("1 akun tersambung", new() { Timeout = 60_000 });
        Assert.Contains("/akun?tersambung=1", sari.Page.Url, StringComparison.Ordinal); // Instagram's redirect adds "#_", which the browser keeps
        await Screenshots.TakeAsync(sari.Page, $"32-opd-admin-connected-instagram-{size}");
    }
}
