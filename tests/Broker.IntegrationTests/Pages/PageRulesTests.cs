using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// What the pages' forms may do is what the API lets the same person do: the domain services decide, the pages only
/// ask. Every form needs its antiforgery token; refusals are pages, not JSON.
/// </summary>
public sealed class PageRulesTests
{
    [Fact]
    public async Task A_browser_not_signed_in_is_sent_to_the_sign_in_page_and_an_api_caller_gets_401()
    {
        await using var scenario = await Scenario.StartAsync();
        using var anonymous = scenario.ClientWith(null);
        var page = await anonymous.GetAsync("/laporan?from=2026-11-01");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/masuk?ReturnUrl=%2Flaporan%3Ffrom%3D2026-11-01", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports/opd-activity")).StatusCode);
    }

    [Fact]
    public async Task A_page_outside_ones_role_is_refused_with_a_page_in_indonesian_while_the_api_keeps_problem_json()
    {
        await using var scenario = await Scenario.StartAsync();
        using var reporter = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Rina", "reporter")).Token);
        var page = await reporter.GetAsync("/laporan");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Peran Anda tidak mengizinkan", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var api = await reporter.GetAsync("/api/reports/opd-activity");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var scenario = await Scenario.StartAsync();
        var (fb, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [fb]);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var forged = await editor.PostFormAsync($"/tinjau/{item}", $"/tinjau/{item}?handler=Reject", new() { ["reason"] = "Duplikat." }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("submitted", (await scenario.ItemAsync(item)).Str("status"));

        var real = await editor.PostFormAsync($"/tinjau/{item}", $"/tinjau/{item}?handler=Reject", new() { ["reason"] = "Duplikat." });
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal($"/konten/{item}?selesai=rejected", real.Headers.Location!.OriginalString);
        Assert.Equal("rejected", (await scenario.ItemAsync(item)).Str("status"));
    }

    [Fact]
    public async Task An_opd_admin_cannot_review_an_item_they_submitted_nor_another_opds_nor_retry_a_delivery()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        var dinkesFb = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var dishubFb = await scenario.CreateAccountAsync("dishub", "facebook", "3000001");
        var sari = (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token;
        using var sariApi = scenario.ClientWith(sari);
        var own = (await sariApi.PostExpectAsync("/api/items", new { opd = "dinkes", title = "Posyandu", body = "Posyandu keliling.", accountIds = new[] { dinkesFb } }, 201)).Str("id");
        var other = await scenario.SubmitItemAsync("dishub", [dishubFb]);
        var approved = await scenario.SubmitItemAsync("dinkes", [dinkesFb], publishAt: TimeProvider.System.GetUtcNow().AddDays(1));
        var delivery = (await scenario.Api.PostExpectAsync($"/api/items/{approved}/approve", null, 200))["deliveries"]![0]!.Str("id");
        using var page = await PageSession.SignInAsync(scenario, sari);

        var selfReview = await page.PostFormAsync($"/tinjau/{own}", $"/tinjau/{own}?handler=Approve", []);
        Assert.Equal(HttpStatusCode.Forbidden, selfReview.StatusCode);
        var otherOpd = await page.PostFormAsync("/konten", $"/tinjau/{other}?handler=Approve", []);
        Assert.Equal(HttpStatusCode.NotFound, otherOpd.StatusCode);
        var retry = await page.PostFormAsync("/pengiriman", $"/pengiriman?handler=Cancel&id={delivery}", []);
        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);

        Assert.Equal("submitted", (await scenario.ItemAsync(own)).Str("status"));
        Assert.Equal("submitted", (await scenario.ItemAsync(other)).Str("status"));
        Assert.Equal("scheduled", (await scenario.ItemAsync(approved))["deliveries"]![0]!.Str("status"));
    }
}
