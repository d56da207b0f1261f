using System.Globalization;
using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// The main pages stay light for a slow mobile connection: HTML, CSS and script together (photos aside) under a budget,
/// with no extra stylesheet or script to fetch; the ASN's share page, read by thousands on phones, under a tighter one.
/// The weights are written to <c>page-weights.txt</c> beside the screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWeightTests(Chromium chromium, BrokerSite site, ITestOutputHelper output) : IClassFixture<BrokerSite>
{
    public const int BudgetBytes = 16 * 1024;

    /// <summary>The ASN's share page with five items to share.</summary>
    public const int AsnBudgetBytes = 10 * 1024;

    private const string AsnNip = "198703152010011002";

    [Fact]
    public async Task The_main_pages_weigh_less_than_16_kilobytes_and_the_asn_page_with_five_items_less_than_10_with_no_script()
    {
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook, site.Instagram, site.X], [await site.Scenario.UploadPhotoAsync()]);
        var asnToken = await FiveSharedItemsAndAnAsnAsync();
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
            foreach (var page in new[] { "/pengguna", "/opd", "/direktori-asn", "/jejak-audit" })
            {
                weights.Add(await WeighAsync(editor.Page, "editor", page));
            }
        }

        await using (var asn = await site.SignInAsync(chromium.Browser, asnToken, phone: true))
        {
            weights.Add(await WeighAsync(asn.Page, "asn", "/asn", AsnBudgetBytes, " with 5 items"));
            await Expect(asn.Page.Locator("article a.wa")).ToHaveCountAsync(5);
        }

        Directory.CreateDirectory(Screenshots.Folder);
        await File.WriteAllLinesAsync(Path.Combine(Screenshots.Folder, "page-weights.txt"), weights);
        weights.ForEach(output.WriteLine);
    }

    /// <summary>Five approved items of dinkes with titles of a usual length, open for sharing, and an ASN's token.</summary>
    private async Task<string> FiveSharedItemsAndAnAsnAsync()
    {
        string[] titles =
        [
            "Wali Kota resmikan Taman Samarendah di tepi Sungai Mahakam", "Posyandu keliling sambangi Kelurahan Air Hitam pekan ini",
            "Vaksinasi gratis di Puskesmas Sempaja sampai hari Jumat", "Jadwal pemadaman bergilir PLN untuk wilayah Samarinda Ulu",
            "Lomba kebersihan antar-RT berhadiah total 50 juta rupiah",
        ];
        foreach (var title in titles)
        {
            var id = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: title, publishAt: TimeProvider.System.GetUtcNow().AddDays(2));
            await site.Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { share = new { } }, 200);
        }

        await site.Scenario.Api.PostExpectAsync("/api/asn", new { nip = AsnNip, name = "Ani", opd = BrokerSite.Opd }, 201);
        return (await site.Scenario.CreateUserAsync("Ani", "asn", asnNip: AsnNip)).Token;
    }

    private static async Task<string> WeighAsync(IPage browser, string role, string path, int budget = BudgetBytes, string note = "")
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

        Assert.True(bytes < budget, $"{path} weighs {bytes} bytes, more than the {budget} budget");
        var page = path.Split('/').Length > 2 ? "/" + path.Split('/')[1] + "/{id}" : path;
        return string.Create(CultureInfo.InvariantCulture, $"{role} {page}{note}: {bytes} bytes (HTML with inline CSS, no script)");
    }
}
