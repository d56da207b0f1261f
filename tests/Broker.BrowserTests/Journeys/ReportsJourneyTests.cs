using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>Flow 8 in the browser: the reports as tables with bars, and their CSV downloads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (site.Scenario.Sandbox.State.Posts("x").Count > 0)
        {
            return;
        }

        var published = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook, site.X], title: "Vaksinasi gratis di Puskesmas Sempaja");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{published}/approve", null, 200);
        await site.Scenario.WaitForItemStatusAsync(published, "published");

        site.Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "*", FaultKinds.Permanent, Message: "Invalid parameter: link"));
        var failed = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: "Jadwal posyandu Desember");
        await site.Scenario.Api.PostExpectAsync($"/api/items/{failed}/approve", null, 200);
        await site.Scenario.WaitForItemStatusAsync(failed, "failed");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_editor_reads_every_opds_reports_and_downloads_the_activity_as_csv()
    {
        await using var editor = await site.SignInAsync(chromium.Browser, site.EditorToken);
        await editor.Page.ClickAsync("header a:has-text('Laporan')");
        await editor.Page.WaitForURLAsync("**/laporan");

        var dinkes = editor.Page.Locator("#activity + p + div tr", new() { HasText = "Dinas Kesehatan" });
        await Expect(dinkes.Locator("td.num").Nth(1)).ToHaveTextAsync("2");
        await Expect(editor.Page.Locator("#activity + p + div tr", new() { HasText = "Dinas Komunikasi" })).ToContainTextAsync("Tidak aktif");
        await Expect(editor.Page.Locator("#health ~ div tr", new() { HasText = "Facebook refused a parameter" })).ToContainTextAsync("facebook 2000001");
        await Screenshots.TakeAsync(editor.Page, "07-editor-reports");

        var download = await editor.Page.RunAndWaitForDownloadAsync(() => editor.Page.ClickAsync("a:has-text('CSV: per OPD') >> nth=0"));
        Assert.StartsWith("opd-activity-opds-", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("opd,opdName,postsLast7Days,postsLast30Days,postsInPeriod,lastPostAt,daysSinceLastPost,notUpdating", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("dinkes,Dinas Kesehatan,2,2,2,", StringComparison.Ordinal) && l.EndsWith(",0,false", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("diskominfo,", StringComparison.Ordinal) && l.EndsWith(",,true", StringComparison.Ordinal));

        var failures = await editor.Page.RunAndWaitForDownloadAsync(() => editor.Page.ClickAsync("a:has-text('CSV: per alasan dan akun')"));
        var failureLines = (await File.ReadAllTextAsync((await failures.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, failureLines.Length);
        Assert.StartsWith($"failed,Facebook refused a parameter of the post,{site.Facebook},facebook 2000001,facebook,dinkes,1,", failureLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opd_admin_sees_only_their_own_opd_in_the_reports()
    {
        await using var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true);
        await sari.Page.GotoAsync("/laporan?from=2026-01-01");
        await Expect(sari.Page.Locator("#activity + p + div tbody tr")).ToHaveCountAsync(1);
        await Expect(sari.Page.Locator("#activity + p + div tbody tr")).ToContainTextAsync("Dinas Kesehatan");
        await Expect(sari.Page.Locator("body")).Not.ToContainTextAsync("Dinas Komunikasi");
        await Screenshots.TakeAsync(sari.Page, "08-opd-admin-reports-on-a-phone");
    }
}
