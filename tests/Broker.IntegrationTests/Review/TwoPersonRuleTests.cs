using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Review;

/// <summary>The editing SOP's second pair of eyes: whoever changed the version being approved does not approve it.</summary>
public sealed class TwoPersonRuleTests
{
    [Fact]
    public async Task An_opd_admin_who_edited_another_admins_item_cannot_approve_it_another_admin_can_and_the_audit_names_the_editor()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var fb = await scenario.CreateAccountAsync("dinkes", "facebook", "1000001");
        var (_, authorToken) = await scenario.CreateUserAsync("Penulis", "opdAdmin", "dinkes");
        var (editorId, editorToken) = await scenario.CreateUserAsync("Penyunting", "opdAdmin", "dinkes");
        var (_, thirdToken) = await scenario.CreateUserAsync("Peninjau", "opdAdmin", "dinkes");
        using var author = scenario.ClientWith(authorToken);
        using var editor = scenario.ClientWith(editorToken);
        using var third = scenario.ClientWith(thirdToken);
        var submitted = await author.PostExpectAsync(
            "/api/items",
            new { opd = "dinkes", title = "Vaksinasi gratis", body = "Puskesmas membuka vaksinasi gratis.", accountIds = new[] { fb } },
            201);
        var id = submitted.Str("id");

        var (edit, _) = await editor.SendAsync(HttpMethod.Put, $"/api/items/{id}", new
        {
            opd = "dinkes",
            title = "Vaksinasi gratis untuk lansia",
            body = "Puskesmas membuka vaksinasi gratis untuk lansia.",
            link = "https://portal.example.go.id/berita/vaksinasi",
            accountIds = new[] { fb },
        });
        Assert.Equal(200, (int)edit.StatusCode);

        var refused = await editor.PostExpectAsync($"/api/items/{id}/approve", null, 403);
        Assert.Contains("two-person", refused.Str("detail"), StringComparison.Ordinal);
        await third.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var audit = (await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}")).AsArray();
        var edited = Assert.Single(audit, e => e!.Str("action") == "item.edited")!;
        Assert.Equal(editorId, edited.Str("actor"));
        Assert.Contains("title", edited.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("link", edited.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(editorId, Assert.Single((await scenario.ItemAsync(id))["editedBy"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task A_diskominfo_editor_who_edited_a_reporters_item_cannot_approve_it_either()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var (_, reporterToken) = await scenario.CreateUserAsync("Reporter", "reporter");
        var (_, secondEditorToken) = await scenario.CreateUserAsync("Editor kedua", "editor");
        using var reporter = scenario.ClientWith(reporterToken);
        using var secondEditor = scenario.ClientWith(secondEditorToken);
        var id = (await reporter.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "Judul", body = "Isi.", accountIds = new[] { fb } }, 201)).Str("id");

        var (edit, _) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", new { opd = "diskominfo", title = "Judul baru", body = "Isi.", accountIds = new[] { fb } });
        Assert.Equal(200, (int)edit.StatusCode);

        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 403);
        Assert.Equal("You edited this item: someone else must approve it (the two-person rule).", refused.Str("detail"));
        Assert.Equal("review.twoPerson", refused["reason"]!.Str("code"));
        const string Indonesian = "Anda menyunting konten ini, jadi orang lain yang harus menyetujuinya (aturan dua orang).";
        using (var page = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken))
        {
            var review = await (await page.GetAsync($"/tinjau/{id}")).Content.ReadAsStringAsync();
            Assert.Contains(Indonesian, review, StringComparison.Ordinal);
            Assert.DoesNotContain("?handler=Approve", review, StringComparison.Ordinal);
            using var approve = await page.PostFormAsync($"/tinjau/{id}", $"/tinjau/{id}?handler=Approve", []);
            Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
            var answer = await approve.Content.ReadAsStringAsync();
            Assert.Contains($"<div class=\"banner\" role=\"alert\">{Indonesian}", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("two-person rule", answer, StringComparison.Ordinal);
        }

        await secondEditor.PostExpectAsync($"/api/items/{id}/approve", null, 200);
    }
}
