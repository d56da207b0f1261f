using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>Amplification requests through the pages: the same checks and decisions as the API's, by the same people.</summary>
public sealed class AmplificationPageTests
{
    [Fact]
    public async Task An_opd_admin_requests_amplification_of_an_item_an_editor_accepts_it_and_the_admin_follows_it_to_the_central_item()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var own = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var item = await scenario.SubmitItemAsync("dinkes", [own], title: "Vaksinasi gratis di Puskesmas Sempaja");
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var sent = await sari.PostFormAsync("/amplifikasi", "/amplifikasi", new()
        {
            ["Form.ItemId"] = item,
            ["Form.Note"] = "Mohon disebarkan lewat akun kota.",
            ["Form.AccountIds"] = facebook,
            ["Form.WishedAt"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = sent.Headers.Location!.OriginalString;
        Assert.Matches("^/amplifikasi/[0-9a-f]{32}\\?selesai=requested$", page);
        var id = page.Split('/', '?')[2];
        var requested = await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal(("requested", "dinkes", item, "Mohon disebarkan lewat akun kota."), (requested.Str("status"), requested.Str("opd"), requested.Str("itemId"), requested.Str("note")));
        Assert.Contains("Permintaan terkirim", await TextAsync(sari, page), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await sari.PostFormAsync(page, $"/amplifikasi/{id}?handler=Accept", [])).StatusCode);
        Assert.Contains("Terima dan buat konten pusat", await TextAsync(editor, "/amplifikasi"), StringComparison.Ordinal);
        var accepted = await editor.PostFormAsync("/amplifikasi", $"/amplifikasi/{id}?handler=Accept", []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/amplifikasi/{id}?selesai=accepted", accepted.Headers.Location!.OriginalString);

        var decided = await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal("accepted", decided.Str("status"));
        var central = await scenario.ItemAsync(decided.Str("resultItemId"));
        Assert.Equal(("diskominfo", "Vaksinasi gratis di Puskesmas Sempaja"), (central.Str("opd"), central.Str("title")));
        var followed = await TextAsync(sari, $"/amplifikasi/{id}");
        Assert.Contains("Diterima", followed, StringComparison.Ordinal);
        Assert.Contains("Konten pusat", followed, StringComparison.Ordinal);
        Assert.Contains("menunggu tinjauan editor", followed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostFormAsync($"/amplifikasi/{id}", $"/amplifikasi/{id}?handler=Accept", [])).StatusCode);
    }

    [Fact]
    public async Task A_request_that_does_not_fit_is_shown_again_with_the_field_named_and_nothing_is_created()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var own = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var item = await scenario.SubmitItemAsync("dinkes", [own]);
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);

        var both = await sari.PostFormAsync("/amplifikasi", "/amplifikasi", new()
        {
            ["Form.ItemId"] = item,
            ["Form.Url"] = "https://dinkes.example.go.id/berita/1",
            ["Form.Note"] = "Artikel kami.",
            ["Form.AccountIds"] = own,
        });

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var html = WebUtility.HtmlDecode(await both.Content.ReadAsStringAsync());
        Assert.Contains("Pilih salah satu: konten OPD Anda atau alamat tautan, jangan keduanya.", html, StringComparison.Ordinal);
        Assert.Contains("bukan akun pusat kota", html, StringComparison.Ordinal);
        Assert.Contains("value=\"https://dinkes.example.go.id/berita/1\"", html, StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/amplification-requests")).AsArray());
    }

    [Fact]
    public async Task An_editor_declines_with_a_reason_which_the_opd_admin_reads_and_only_their_opd_sees_the_request()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);
        using var budi = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Budi", "opdAdmin", "dishub")).Token);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var sent = await sari.PostFormAsync("/amplifikasi", "/amplifikasi", new()
        {
            ["Form.Url"] = "https://dinkes.example.go.id/berita/posyandu",
            ["Form.Note"] = "Jadwal posyandu Desember",
            ["Form.AccountIds"] = facebook,
        });
        var id = sent.Headers.Location!.OriginalString.Split('/', '?')[2];

        Assert.Equal(HttpStatusCode.NotFound, (await budi.GetAsync($"/amplifikasi/{id}")).StatusCode);
        Assert.DoesNotContain("Jadwal posyandu", await TextAsync(budi, "/amplifikasi"), StringComparison.Ordinal);
        var noReason = await editor.PostFormAsync($"/amplifikasi/{id}", $"/amplifikasi/{id}?handler=Decline", new() { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("requested", (await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}")).Str("status"));

        var declined = await editor.PostFormAsync($"/amplifikasi/{id}", $"/amplifikasi/{id}?handler=Decline", new() { ["reason"] = "Sudah diliput kemarin." });

        Assert.Equal($"/amplifikasi/{id}?selesai=declined", declined.Headers.Location!.OriginalString);
        var decided = await scenario.Api.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal(("declined", "Sudah diliput kemarin."), (decided.Str("status"), decided.Str("declineReason")));
        var list = await TextAsync(sari, "/amplifikasi");
        Assert.Contains("Ditolak: Sudah diliput kemarin.", list, StringComparison.Ordinal);
    }

    private static async Task<string> TextAsync(PageSession session, string path)
    {
        using var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
