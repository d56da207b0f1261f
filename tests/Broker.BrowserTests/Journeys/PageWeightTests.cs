using System.Globalization;
using Broker.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// The main pages stay light for a slow mobile connection: HTML, CSS and script together (photos aside) under a budget,
/// with no extra stylesheet or script to fetch. The weights are written to <c>page-weights.txt</c> beside the screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(Chromium chromium, BrokerSite site, ITestOutputHelper output) : IClassFixture<BrokerSite>
{
    public const int BudgetBytes = 16 * 1024;

    [Fact]
    public async Task The_main_pages_of_an_opd_admin_and_an_editor_weigh_less_than_16_kilobytes_with_no_script()
    {
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook, site.Instagram, site.X], [await site.Scenario.UploadPhotoAsync()]);
        var weights = new List<string>();
        await using (var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true))
        {
            weights.Add(await WeighAsync(sari.Page, "opdAdmin", "/konten"));
            weights.Add(await WeighAsync(sari.Page, "opdAdmin", "/kirim"));
        }

        await using (var editor = await site.SignInAsync(chromium.Browser, site.EditorToken))
        {
            weights.Add(await WeighAsync(editor.Page, "editor", "/tinjau"));
            weights.Add(await WeighAsync(editor.Page, "editor", $"/tinjau/{item}"));
        }

        Directory.CreateDirectory(Screenshots.Folder);
        await File.WriteAllLinesAsync(Path.Combine(Screenshots.Folder, "page-weights.txt"), weights);
        weights.ForEach(output.WriteLine);
    }

    private static async Task<string> WeighAsync(IPage browser, string role, string path)
    {
        var loaded = new List<IResponse>();
        void Record(object? sender, IResponse response) => loaded.Add(response);
        browser.Response += Record;
        try
        {
            await browser.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        }
        finally
        {
            browser.Response -= Record;
        }

        var counted = loaded.Where(r => r.Request.ResourceType is "document" or "stylesheet" or "script").ToList();
        Assert.All(counted, r => Assert.Equal("document", r.Request.ResourceType));
        var bytes = 0;
        foreach (var response in counted)
        {
            bytes += (await response.BodyAsync()).Length;
        }

        Assert.True(bytes < BudgetBytes, $"{path} weighs {bytes} bytes, more than the {BudgetBytes} budget");
        var page = path.Split('/').Length > 2 ? "/" + path.Split('/')[1] + "/{id}" : path;
        return string.Create(CultureInfo.InvariantCulture, $"{role} {page}: {bytes} bytes (HTML with inline CSS, no script)");
    }
}
