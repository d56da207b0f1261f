using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// A sent-back item is edited and submitted again on a phone (issue 14), its versions read on a desktop; an editor
/// retracts a published item with a reason and confirms the post Instagram's API cannot delete was removed by hand (issue 17).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CorrectionJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    [Fact]
    public async Task A_sent_back_item_is_edited_and_resubmitted_on_a_phone_and_its_two_versions_show_on_a_desktop()
    {
        using var admin = site.Scenario.ClientWith(site.OpdAdminToken);
        var photo = await site.Scenario.UploadPhotoAsync();
        var id = (await admin.PostExpectAsync(
            "/api/items",
            new { opd = BrokerSite.Opd, title = "Imunisasi di Posyandu Mawar", body = "Imunisasi balita hari Sabtu.", mediaIds = new[] { photo }, accountIds = new[] { site.Facebook } },
            201)).Str("id");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = "Sebutkan jam dan alamat posyandu." }, 200);

        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        await sari.Page.GotoAsync($"/konten/{id}");
        await Expect(sari.Page.Locator("main")).ToContainTextAsync("Sebutkan jam dan alamat posyandu.");
        await sari.Page.ClickAsync("#edit");
        await sari.Page.WaitForURLAsync($"**/konten/{id}/ubah");
        await sari.Page.FillAsync("#title", "Imunisasi di Posyandu Mawar, Sabtu pukul 08.00");
        await sari.Page.FillAsync("#body", "Imunisasi balita hari Sabtu pukul 08.00 di Jalan Mawar 12.");
        await sari.Page.UncheckAsync($"input[name='Form.MediaIds'][value='{photo}']");
        await sari.Page.SetInputFilesAsync("#photo", new FilePayload { Name = "posyandu.jpg", MimeType = "image/jpeg", Buffer = SampleImages.Jpeg(1080, 1080) });
        await Screenshots.TakeAsync(sari.Page, "30-opd-admin-edits-a-sent-back-item-on-a-phone");
        await sari.Page.ClickAsync("#resubmit");
        await sari.Page.WaitForURLAsync($"**/konten/{id}?selesai=resubmitted");
        await Expect(sari.Page.Locator("#item-status")).ToHaveTextAsync("Menunggu tinjauan");

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync($"/konten/{id}");
        await Expect(editor.Page.Locator("#version-2")).ToContainTextAsync("Sabtu pukul 08.00");
        await Expect(editor.Page.Locator("#version-2")).ToContainTextAsync("Sebutkan jam dan alamat posyandu.");
        await Expect(editor.Page.Locator("#version-1 .decision")).ToContainTextAsync("Dikembalikan");
        await Screenshots.TakeAsync(editor.Page, "31-editor-reads-each-version-with-its-decision");
        var item = await site.Scenario.ItemAsync(id);
        Assert.NotEqual(photo, Assert.Single(item["mediaIds"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task An_editor_retracts_a_published_item_with_a_reason_and_confirms_the_instagram_post_was_removed_by_hand()
    {
        var photo = await site.Scenario.UploadPhotoAsync();
        var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook, site.Instagram], [photo], title: "Jadwal vaksinasi yang keliru");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await site.Scenario.WaitForItemStatusAsync(id, "published", TimeSpan.FromSeconds(60));

        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.GotoAsync($"/konten/{id}");
        await editor.Page.ClickAsync("summary:has-text('Tarik konten')");
        await editor.Page.FillAsync("#retract-reason", "Tanggal vaksinasi salah.");
        await Screenshots.TakeAsync(editor.Page, "32-editor-retracts-with-a-reason");
        await editor.Page.ClickAsync("button.danger:has-text('Tarik konten')");
        await editor.Page.WaitForURLAsync($"**/konten/{id}?selesai=retracted");
        await Expect(editor.Page.Locator("#retracted")).ToContainTextAsync("Tanggal vaksinasi salah.");

        await Eventually.WaitAsync(
            async () =>
            {
                await editor.Page.ReloadAsync();
                return (await editor.Page.Locator("tr.delivery[data-status=removed]").CountAsync(), await editor.Page.Locator("tr.delivery[data-status=manualRemovalNeeded]").CountAsync());
            },
            rows => rows == (1, 1),
            "Facebook's post to be deleted and Instagram's to need a person");
        await Screenshots.TakeAsync(editor.Page, "33-instagram-post-needs-manual-removal");
        await editor.Page.ClickAsync("tr.delivery[data-status=manualRemovalNeeded] button:has-text('Sudah dihapus manual')");
        await editor.Page.WaitForURLAsync($"**/konten/{id}?selesai=removalConfirmed");
        await Expect(editor.Page.Locator("tr.delivery[data-status=removed]")).ToHaveCountAsync(2);
        Assert.DoesNotContain(site.Scenario.Sandbox.State.Posts("facebook"), p => p.Text?.Contains("Jadwal vaksinasi yang keliru", StringComparison.Ordinal) == true);
    }
}
