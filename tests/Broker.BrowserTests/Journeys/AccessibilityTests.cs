using Broker.BrowserTests.Infrastructure;
using Broker.IntegrationTests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Broker.BrowserTests.Journeys;

/// <summary>
/// Every page, as the people who use it see it: axe-core finds no serious or critical accessibility violation, and a
/// page in Indonesian shows no English sentence from the resources (a message that missed its translation).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium, BrokerSite site) : IClassFixture<BrokerSite>
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task Every_page_has_no_serious_accessibility_violation_and_no_english_sentence_in_indonesian()
    {
        var item = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.Facebook], title: "Posyandu keliling sambangi Air Hitam");

        // Over X's 280 (its template is the title and the link): the review page shows the platform's limit, in Indonesian.
        var tooLong = await site.Scenario.SubmitItemAsync(BrokerSite.Opd, [site.X], title: string.Join(' ', Enumerable.Repeat("Samarinda", 29)));
        var connection = (await site.Scenario.Api.PostExpectAsync("/api/accounts/connect/facebook", new { opd = BrokerSite.Opd }, 201)).Str("id");
        var problems = new List<string>();
        await using (var editor = await site.SignInAsync(chromium.Browser, site.EditorToken, bypassCsp: true))
        {
            foreach (var path in (string[])[
                "/tinjau", $"/tinjau/{item}", $"/tinjau/{tooLong}", "/jadwal", "/pengiriman", "/akun", "/konten", $"/konten/{item}", "/kirim", "/amplifikasi",
                "/umpan", "/laporan", "/webhook", "/pengaman", "/pengaman/pemilu", "/notifikasi", "/privasi", "/asn"])
            {
                problems.AddRange(await CheckAsync(editor.Page, path));
            }
        }

        await using (var sari = await site.SignInAsync(chromium.Browser, site.OpdAdminToken, phone: true, bypassCsp: true))
        {
            foreach (var path in (string[])["/akun", "/konten", "/kirim", $"/akun/sambung/{connection}", "/webhook"])
            {
                problems.AddRange(await CheckAsync(sari.Page, path));
            }
        }

        await using (var visitor = await site.VisitAsync(chromium.Browser, phone: true, bypassCsp: true))
        {
            problems.AddRange(await CheckAsync(visitor.Page, "/masuk"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        var found = new List<string>();
        var axe = await page.RunAxe();
        foreach (var violation in axe.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            found.Add($"{path}: {violation.Impact} {violation.Id} ({violation.Help}) at {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}");
        }

        found.AddRange((await EnglishText.OnIndonesianPageAsync(page)).Select(s => $"{path}: English on an Indonesian page: \"{s}\""));
        return found;
    }
}
