using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Broker.IntegrationTests.Accounts;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// The channel accounts page over real HTTP: connecting through the sandbox's OAuth and choosing on a page, pausing and
/// resuming under two requests at once, and who may do what.
/// </summary>
public sealed partial class ChannelAccountPageTests
{
    [Fact]
    public async Task An_opd_admin_connects_an_instagram_account_through_its_login_and_chooses_it_on_a_page_that_shows_no_token()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);
        var empty = await TextOfAsync(sari, "/akun");
        Assert.Contains("id=\"no-accounts\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", empty, StringComparison.Ordinal);

        using var started = await sari.PostFormAsync("/akun", "/akun?handler=Connect", new() { ["platform"] = "instagram", ["opd"] = "diskominfo" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var back = await ConnectionDriver.ConsentAsync(started.Headers.Location!.AbsoluteUri);
        using var callback = await sari.GetAsync(back.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var chooser = callback.Headers.Location!.OriginalString;
        Assert.StartsWith("/akun/sambung/", chooser, StringComparison.Ordinal);

        var page = await TextOfAsync(sari, chooser);
        var offered = Offered().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(offered);
        Assert.DoesNotContain("accessToken", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("access_token", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);

        // A double click: the same form sent twice at once adds the account once.
        var token = await sari.FormTokenAsync(chooser);
        var statuses = await Race.RunAsync(2, _ => sari.PostAsync(chooser, new() { ["externalIds"] = offered[0], ["__RequestVerificationToken"] = token }));
        Assert.Equal([302, 409], statuses.Order());

        var accounts = await scenario.Api.GetJsonAsync("/api/accounts?opd=dinkes");
        var account = Assert.Single(accounts.AsArray())!;
        Assert.Equal(("dinkes", "instagram", offered[0]), (account.Str("opd"), account.Str("platform"), account.Str("externalId")));
        var connected = await TextOfAsync(sari, "/akun?tersambung=1");
        Assert.Contains($"id=\"account-{account.Str("id")}\"", connected, StringComparison.Ordinal);
        Assert.Contains("1 akun tersambung", connected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_pauses_of_one_account_at_once_one_pauses_it_and_of_two_resumes_one_resumes_it()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();

        Race.AssertOneWinner(await Race.RunAsync(2, _ => scenario.Api.PostAsJsonAsync($"/api/accounts/{facebook}/pause", new { reason = "Admin cuti" })));
        var paused = await scenario.Api.GetJsonAsync("/api/suspensions");
        Assert.Equal([$"account:{facebook}"], paused.AsArray().Select(s => s!.Str("id")));
        Race.AssertOneWinner(await Race.RunAsync(2, _ => scenario.Api.PostAsync($"/api/accounts/{facebook}/resume", null)));
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/suspensions")).AsArray());
    }

    [Fact]
    public async Task Pausing_from_the_page_suspends_the_account_a_second_pause_is_a_conflict_and_resuming_ends_it()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        using var pause = await editor.PostFormAsync("/akun", $"/akun?handler=Pause&id={facebook}", new() { ["reason"] = "Admin cuti" });
        var paused = await TextOfAsync(editor, "/akun");
        var suspension = Assert.Single((await scenario.Api.GetJsonAsync("/api/suspensions")).AsArray())!;
        using var twice = await editor.PostFormAsync("/akun", $"/akun?handler=Pause&id={facebook}", new() { ["reason"] = "lagi" });
        using var resume = await editor.PostFormAsync("/akun", $"/akun?handler=Resume&id={facebook}", []);

        Assert.Equal("/akun?selesai=1", pause.Headers.Location!.OriginalString);
        Assert.Contains("Dijeda", paused, StringComparison.Ordinal);
        Assert.Contains("Admin cuti", paused, StringComparison.Ordinal);
        Assert.Equal(($"account:{facebook}", "Admin cuti"), (suspension.Str("id"), suspension.Str("reason")));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("/akun?selesai=1", resume.Headers.Location!.OriginalString);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/suspensions")).AsArray());
    }

    [Fact]
    public async Task An_opd_admin_pauses_only_their_own_opds_accounts_and_may_not_resume_an_editors_pause()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        var dinkes = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var dishub = await scenario.CreateAccountAsync("dishub", "facebook", "3000001");
        using var sari = scenario.ClientWith((await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);

        using var foreign = await sari.PostAsJsonAsync($"/api/accounts/{dishub}/pause", new { });
        await scenario.Api.PostExpectAsync($"/api/accounts/{dinkes}/pause", new { reason = "Diperiksa editor" }, 200);
        var refused = await sari.PostExpectAsync($"/api/accounts/{dinkes}/resume", null, 403);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("editors_pause", refused.Str("code"));
        Assert.Contains("editor", refused.Str("detail"), StringComparison.Ordinal);
        using var sariPage = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari 2", "opdAdmin", "dinkes")).Token);
        using var page = await sariPage.PostFormAsync("/akun", $"/akun?handler=Resume&id={dinkes}", []);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("hanya editor yang dapat melanjutkannya", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> TextOfAsync(PageSession session, string path)
    {
        using var response = await session.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return WebUtility.HtmlDecode(html);
    }

    [GeneratedRegex("name=\"externalIds\" value=\"([^\"]+)\"")]
    private static partial Regex Offered();
}
