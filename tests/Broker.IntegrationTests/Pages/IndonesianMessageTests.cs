#if !ON_POSTGRESQL
using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// Issue 14: what a person reads on an Indonesian page is Indonesian — a field's error, a state conflict, a platform's
/// limit — worded by its stable code, while the API keeps its English and carries the codes beside it. LiteDB only:
/// nothing here is storage-specific.
/// </summary>
public sealed class IndonesianMessageTests
{
    [Fact]
    public async Task An_indonesian_page_words_a_field_error_a_platform_limit_and_a_conflict_in_indonesian_and_the_api_gives_their_codes()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var x = await scenario.CreateAccountAsync("diskominfo", "x", "2244994945");
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        using var untitled = await editor.PostFieldsAsync("/kirim", "/kirim", [new("Form.Opd", "diskominfo"), new("Form.Title", " "), new("Form.Body", "Isi."), new("Form.AccountIds", x)]);
        var form = await untitled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Contains("Wajib diisi.", form, StringComparison.Ordinal);
        Assert.DoesNotContain("title is required", form, StringComparison.Ordinal);

        // X's template is the title and the link: a title of 289 characters is over X's 280 alone.
        var id = await scenario.SubmitItemAsync("diskominfo", [x], title: string.Join(' ', Enumerable.Repeat("Samarinda", 29)));
        var review = await (await editor.GetAsync($"/tinjau/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("menurut hitungan X; X menerima paling banyak 280. Persingkat teksnya.", review, StringComparison.Ordinal);
        using var approve = await editor.PostFormAsync($"/tinjau/{id}", $"/tinjau/{id}?handler=Approve", []);
        var refused = await approve.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, approve.StatusCode);
        Assert.DoesNotContain("as X counts them", refused, StringComparison.Ordinal);

        var api = await scenario.Api.SendAsync(HttpMethod.Post, $"/api/items/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.Response.StatusCode);
        Assert.Contains("as X counts them", api.Body!["errors"]![$"accounts[{x}]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var limit = api.Body!["errorCodes"]![$"accounts[{x}]"]![0]!;
        Assert.Equal(("text.tooLong", 280, "X"), (limit.Str("code"), limit["arguments"]!["max"]!.GetValue<int>(), limit["arguments"]!.Str("platform")));
        Assert.True(limit["arguments"]!["length"]!.GetValue<int>() > 280);

        await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { reason = "Terlalu panjang untuk X." }, 200);
        using var retract = await editor.PostFormAsync($"/konten/{id}", $"/konten/{id}?handler=Retract", new() { ["reason"] = "Salah sasaran." });
        Assert.Equal(HttpStatusCode.Conflict, retract.StatusCode);
        Assert.Contains(
            "Hanya konten yang disetujui atau sudah terbit yang bisa ditarik; konten ini berstatus Ditolak.",
            await retract.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
        var conflict = await scenario.Api.SendAsync(HttpMethod.Post, $"/api/items/{id}/retract", new { reason = "Salah sasaran." });
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal("Only an approved or published item can be retracted; this one is rejected.", conflict.Body!.Str("detail"));
        Assert.Equal(("item.notRetractable", "rejected"), (conflict.Body!["reason"]!.Str("code"), conflict.Body!["reason"]!["arguments"]!.Str("status")));
    }

    [Fact]
    public async Task A_report_period_and_notification_preferences_are_refused_in_indonesian_on_the_page_and_with_codes_in_the_api()
    {
        await using var scenario = await Scenario.StartAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var report = await editor.GetAsync("/laporan?from=2026-11-10&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        var reportPage = await report.Content.ReadAsStringAsync();
        Assert.Contains("Dari tanggal: Tanggal awal harus sebelum tanggal akhir.", reportPage, StringComparison.Ordinal);
        Assert.DoesNotContain("from must be before to", reportPage, StringComparison.Ordinal);
        var (reportApi, reportBody) = await scenario.Api.SendAsync(HttpMethod.Get, "/api/reports/opd-activity?from=2026-11-10&to=2026-11-01", null);
        Assert.Equal(HttpStatusCode.BadRequest, reportApi.StatusCode);
        Assert.Equal("from must be before to.", reportBody!["errors"]!["from"]![0]!.GetValue<string>());
        Assert.Equal("report.periodOrder", reportBody["errorCodes"]!["from"]![0]!.Str("code"));

        var refusedPreferences = new Dictionary<string, string> { ["email"] = "bukan-email", ["quietFrom"] = "21:00", ["channel-Review"] = "Telegram" };
        using var prefs = await editor.PostFormAsync("/notifikasi", "/notifikasi", new(refusedPreferences));
        Assert.Equal(HttpStatusCode.BadRequest, prefs.StatusCode);
        var prefsPage = await prefs.Content.ReadAsStringAsync();
        Assert.Contains("&#x27;bukan-email&#x27; bukan alamat email (nama@domain.go.id).", prefsPage, StringComparison.Ordinal);
        Assert.Contains("Jam tenang perlu jam mulai dan jam selesai, atau kosongkan keduanya.", prefsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("is not an email address", prefsPage, StringComparison.Ordinal);

        // Each message is named by the field's label in the page's language, never by its key (email, channels.review).
        Assert.Contains("<li>Alamat email: ", prefsPage, StringComparison.Ordinal);
        Assert.Contains("<li>Akhir jam tenang: ", prefsPage, StringComparison.Ordinal);
        Assert.Contains("<li>Saluran per jenis pemberitahuan: Menunggu tinjauan: ", prefsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<li>email:", prefsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("channels.", prefsPage, StringComparison.Ordinal);
        await editor.GetAsync("/bahasa?ke=en&kembali=/notifikasi");
        using var inEnglish = await editor.PostFormAsync("/notifikasi", "/notifikasi", new(refusedPreferences));
        var englishPage = await inEnglish.Content.ReadAsStringAsync();
        Assert.Contains("<li>Email address: ", englishPage, StringComparison.Ordinal);
        Assert.Contains("<li>End of quiet hours: ", englishPage, StringComparison.Ordinal);
        Assert.Contains("<li>Channel per kind of notification: Waiting for review: ", englishPage, StringComparison.Ordinal);
        Assert.DoesNotContain("channels.", englishPage, StringComparison.Ordinal);
        var (prefsApi, prefsBody) = await scenario.Api.SendAsync(HttpMethod.Put, "/api/notifications/preferences", new { email = "bukan-email", quietUntil = "06:00" });
        Assert.Equal(HttpStatusCode.BadRequest, prefsApi.StatusCode);
        Assert.Equal("'bukan-email' is not an email address (name@domain.go.id).", prefsBody!["errors"]!["email"]![0]!.GetValue<string>());
        var email = prefsBody["errorCodes"]!["email"]![0]!;
        Assert.Equal(("notification.email", "bukan-email"), (email.Str("code"), email["arguments"]!.Str("value")));
        Assert.Equal("notification.quietBoth", prefsBody["errorCodes"]!["quietFrom"]![0]!.Str("code"));
    }

    [Fact]
    public async Task Account_ids_credentials_and_corrections_are_refused_with_codes_beside_the_english()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();

        var (account, accountBody) = await scenario.Api.SendAsync(HttpMethod.Post, "/api/accounts", new { opd = "diskominfo", platform = "instagram", name = "IG", externalId = "bukan/angka" });
        Assert.Equal(HttpStatusCode.BadRequest, account.StatusCode);
        Assert.Contains("externalId may hold only", accountBody!["errors"]!["externalId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var externalId = accountBody["errorCodes"]!["externalId"]![0]!;
        Assert.Equal(("account.externalId", "instagram"), (externalId.Str("code"), externalId["arguments"]!.Str("platform")));
        Assert.Equal("field.required", accountBody["errorCodes"]!["credentials"]![0]!.Str("code"));

        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var draft = await scenario.SubmitItemAsync("diskominfo", [fb]);
        var (notYet, notYetBody) = await scenario.Api.SendAsync(HttpMethod.Post, $"/api/items/{draft}/correct", new { title = "Koreksi", body = "Isi.", accountIds = new[] { fb } });
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal("Only an approved, published or retracted item is corrected; edit this submitted one instead.", notYetBody!.Str("detail"));
        Assert.Equal(("correction.notCorrectable", "submitted"), (notYetBody!["reason"]!.Str("code"), notYetBody["reason"]!["arguments"]!.Str("status")));
    }
}
#endif
