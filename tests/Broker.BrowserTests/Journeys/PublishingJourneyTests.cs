using System.Text.RegularExpressions;
using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>Flow 1 to 5 in the browser: an OPD admin submits, an editor reviews the previews and approves, the posts go out.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublishingJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    private const string Title = "Posyandu keliling sambangi Kelurahan Air Hitam";

    [Fact]
    public async Task An_opd_admin_submits_an_item_with_a_photo_an_editor_approves_its_previews_and_every_channel_shows_published()
    {
        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        Assert.EndsWith("/konten", sari.Page.Url, StringComparison.Ordinal);
        await sari.Page.GotoAsync("/kirim");

        // A phone's photo is megabytes, more than the broker's 1 MiB limit on other requests.
        await sari.Page.FillAsync("#title", Title);
        await sari.Page.FillAsync("#body", "Dinas Kesehatan menggelar posyandu keliling untuk balita dan lansia. #sehat");
        await sari.Page.FillAsync("#link", "https://portal.example.go.id/berita/posyandu-keliling");
        await sari.Page.FillAsync("#eventEndedAt", "2026-11-23T09:30");
        await sari.Page.SetInputFilesAsync("#photo", new FilePayload { Name = "posyandu.jpg", MimeType = "image/jpeg", Buffer = SampleImages.Jpeg(1080, 1080, minimumBytes: 2_500_000) });
        foreach (var account in new[] { site.Facebook, site.Instagram, site.X })
        {
            await sari.Page.CheckAsync($"input[value='{account}']");
        }

        await Screenshots.TakeAsync(sari.Page, "01-opd-admin-submits-on-a-phone");
        await sari.Page.ClickAsync("main button[type=submit]");
        await sari.Page.WaitForURLAsync(Submitted());
        await Expect(sari.Page.Locator("#item-status")).ToHaveTextAsync("Menunggu tinjauan");
        var itemId = Submitted().Match(sari.Page.Url).Groups["id"].Value;
        await Screenshots.TakeAsync(sari.Page, "02-opd-admin-item-awaits-review");

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        Assert.EndsWith("/tinjau", editor.Page.Url, StringComparison.Ordinal);
        await editor.Page.ClickAsync($"a:has-text('{Title}')");
        await editor.Page.WaitForURLAsync($"**/tinjau/{itemId}");
        foreach (var platform in new[] { "facebook", "instagram", "x" })
        {
            await Expect(editor.Page.Locator($".post.{platform} .text")).ToContainTextAsync(Title);
            Assert.Equal(1080, await editor.Page.Locator($".post.{platform} img").First.EvaluateAsync<int>("img => img.naturalWidth"));
        }

        await Expect(editor.Page.Locator(".post.instagram .text .mark", new PageLocatorOptions { HasText = "#dinkes" })).ToHaveCountAsync(1);
        await Expect(editor.Page.Locator(".post.x .length")).ToContainTextAsync("/ 280 karakter");
        await Expect(editor.Page.Locator(".post .error")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(editor.Page, "03-editor-reviews-the-previews");

        await editor.Page.ClickAsync("button:has-text('Setujui dan jadwalkan')");
        await editor.Page.WaitForURLAsync($"**/konten/{itemId}?selesai=approved");
        await Eventually.WaitAsync(
            async () =>
            {
                await editor.Page.ReloadAsync();
                return (await editor.Page.Locator("tr.delivery[data-status=published]").CountAsync(), await editor.Page.Locator("#item-status").TextContentAsync());
            },
            page => page == (3, "Terbit"),
            "the item and its three deliveries to show as published");
        await Expect(editor.Page.Locator("tr.delivery a:has-text('Lihat posting')")).ToHaveCountAsync(3);
        await Screenshots.TakeAsync(editor.Page, "04-editor-sees-every-channel-published");

        await sari.Page.GotoAsync("/konten");
        var card = sari.Page.Locator(".card", new PageLocatorOptions { HasText = Title });
        await Expect(card).ToContainTextAsync("Terbit");
        await Expect(card).ToContainTextAsync("3 dari 3 kanal terbit");
        foreach (var platform in new[] { "facebook", "instagram", "x" })
        {
            Assert.Single(site.Scenario.Sandbox.State.Posts(platform), p => p.Text?.Contains(Title, StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_a_wrong_token_is_refused_and_the_right_one_returns_to_the_page_asked_for()
    {
        await using var visitor = await site.VisitAsync(chromium.Browser, phone: true);
        await visitor.Page.GotoAsync("/pengiriman");
        Assert.Contains("/masuk?ReturnUrl=%2Fpengiriman", visitor.Page.Url, StringComparison.Ordinal);

        await visitor.Page.FillAsync("#token", "brk_not-a-token-anyone-was-given");
        await visitor.Page.ClickAsync("main button[type=submit]");
        await Expect(visitor.Page.Locator("[role=alert]")).ToContainTextAsync("Token tidak dikenal");
        await Screenshots.TakeAsync(visitor.Page, "05-sign-in-refused");

        await visitor.Page.FillAsync("#token", site.EditorToken);
        await visitor.Page.ClickAsync("main button[type=submit]");
        await visitor.Page.WaitForURLAsync("**/pengiriman");
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Pengiriman gagal dan ditahan");

        await visitor.Page.ClickAsync("footer a:has-text('English')");
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Failed and held deliveries");
        await visitor.Page.ClickAsync("footer a:has-text('Bahasa Indonesia')");
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Pengiriman gagal dan ditahan");

        await visitor.Page.ClickAsync("header button:has-text('Keluar')");
        await visitor.Page.WaitForURLAsync("**/masuk");
        await visitor.Page.GotoAsync("/tinjau");
        Assert.Contains("/masuk", visitor.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_too_long_for_x_shows_in_the_x_preview_and_approval_is_refused_with_the_reason()
    {
        var title = "Pemerintah kota " + new string('x', 270);
        var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook, site.X], title: title);
        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync($"/tinjau/{id}");
        await Expect(editor.Page.Locator(".post.x ul.error")).ToContainTextAsync("280");
        await Expect(editor.Page.Locator(".post.x .length .error")).ToBeVisibleAsync();
        await Expect(editor.Page.Locator(".post.facebook .error")).ToHaveCountAsync(0);

        await editor.Page.ClickAsync("button:has-text('Setujui dan jadwalkan')");
        await Expect(editor.Page.Locator("main [role=alert]")).ToContainTextAsync("x (");
        Assert.EndsWith($"/tinjau/{id}", new Uri(editor.Page.Url).AbsolutePath, StringComparison.Ordinal);
        await Screenshots.TakeAsync(editor.Page, "06-editor-sees-x-too-long");
        Assert.Equal("submitted", (await site.Scenario.ItemAsync(id)).Str("status"));
    }

    [GeneratedRegex(@"/konten/(?<id>[0-9a-f]{32})\?selesai=submitted$")]
    private static partial Regex Submitted();
}
