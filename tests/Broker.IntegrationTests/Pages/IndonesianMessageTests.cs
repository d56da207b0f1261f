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
}
#endif
