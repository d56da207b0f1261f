using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>The administration console: users, OPDs and the audit trail run from the pages, with the API's rules.</summary>
public sealed partial class AdministrationPageTests
{
    [Fact]
    public async Task An_editor_creates_a_user_on_the_page_sees_the_token_once_makes_a_sign_in_link_and_revokes_them()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var created = await editor.PostFormAsync("/pengguna", "/pengguna", new()
        {
            ["Form.Name"] = "Sari",
            ["Form.Role"] = "opdAdmin",
            ["Form.Opd"] = "dinkes",
            ["Form.ExpiresOn"] = TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        var html = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var token = Secret().Match(html).Groups[1].Value;
        Assert.StartsWith("brk_", token, StringComparison.Ordinal);
        Assert.Contains("hanya ditampilkan sekali", html, StringComparison.Ordinal);
        using (var sari = scenario.ClientWith(token))
        {
            var me = await sari.GetJsonAsync("/api/users/me");
            Assert.Equal(("opdAdmin", "dinkes"), (me.Str("role"), me.Str("opd")));
        }

        var list = await (await editor.GetAsync("/pengguna")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        var id = (await scenario.Api.GetJsonAsync("/api/users")).AsArray().Single(u => u!.Str("name") == "Sari")!.Str("id");
        var link = await editor.PostFormAsync("/pengguna", $"/pengguna?handler=Link&id={id}", []);
        Assert.Matches("/masuk/tautan/[A-Za-z0-9_-]{43}", Secret().Match(await link.Content.ReadAsStringAsync()).Groups[1].Value);

        var invalid = await editor.PostFormAsync("/pengguna", "/pengguna", new() { ["Form.Name"] = "Tanpa OPD", ["Form.Role"] = "opdAdmin" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Admin OPD terikat pada satu OPD: pilih OPD-nya.", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostFormAsync("/pengguna", $"/pengguna?handler=Revoke&id={id}", [])).StatusCode);
        using var revoked = scenario.ClientWith(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/users/me")).StatusCode);
    }

    [Fact]
    public async Task Two_renames_of_an_opd_from_the_same_version_at_once_give_one_rename_and_one_409()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");

        var statuses = await Race.RunAsync(2, i => scenario.Api.PutAsJsonAsync("/api/opds/dinkes", new { name = $"Dinas Kesehatan {i}", version = 0 }));

        Race.AssertOneWinner(statuses);
        var opd = await scenario.Api.GetJsonAsync("/api/opds/dinkes");
        Assert.Equal(1, opd["version"]!.GetValue<long>());
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var page = WebUtility.HtmlDecode(await (await editor.GetAsync("/opd")).Content.ReadAsStringAsync());
        Assert.Contains("belum punya Instagram", page, StringComparison.Ordinal);
        Assert.DoesNotContain("belum punya Facebook", page, StringComparison.Ordinal);
        var stale = await editor.PostFormAsync("/opd", "/opd?handler=Rename&code=dinkes", new() { ["name"] = "Dinkes", ["version"] = "0" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("diubah orang lain", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var renamed = await editor.PostFormAsync("/opd", "/opd?handler=Rename&code=dinkes", new() { ["name"] = "Dinkes Kota", ["version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Dinkes Kota", (await scenario.Api.GetJsonAsync("/api/opds/dinkes")).Str("name"));
    }

    [Fact]
    public async Task The_audit_trail_page_walks_back_a_page_at_a_time_and_the_export_streams_the_same_selection()
    {
        await using var scenario = await Scenario.StartAsync();
        for (var i = 0; i < 55; i++)
        {
            await scenario.CreateOpdAsync($"opd-{i:D2}", $"Kecamatan {i}");
        }

        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var admin = (await scenario.Api.GetJsonAsync("/api/users/me")).Str("id");
        var first = await (await editor.GetAsync($"/jejak-audit?pengguna={admin}")).Content.ReadAsStringAsync();
        var next = WebUtility.HtmlDecode(NextPage().Match(first).Groups[1].Value);
        var second = await (await editor.GetAsync(next)).Content.ReadAsStringAsync();

        var shown = Opds().Matches(first).Concat(Opds().Matches(second)).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(55, shown.Distinct().Count());
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Contains("opd-54", Opds().Matches(first).Select(m => m.Groups[1].Value));
        Assert.DoesNotMatch(NextPage(), second);

        var csv = await scenario.Api.GetStringAsync($"/api/audit/export?actor={admin}");
        Assert.StartsWith("at,actor,action,objectType,objectId,detail", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(55, csv.Split("\r\n").Count(l => l.Contains(",opd.created,", StringComparison.Ordinal)));
        using var page = await scenario.Api.GetAsync($"/api/audit?actor={admin}&limit=20");
        Assert.Contains("after=", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"secret-value\" readonly value=\"([^\"]+)\"")]
    private static partial Regex Secret();

    [GeneratedRegex("<a href=\"([^\"]+)\" id=\"next-page\"")]
    private static partial Regex NextPage();

    [GeneratedRegex(">(opd-\\d\\d)<")]
    private static partial Regex Opds();
}
