using System.Net;
using System.Net.Http.Json;
using Broker.Audit;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.IntegrationTests.Sharing;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Guardrails;

/// <summary>Election periods in review and on the ASN share list, over real HTTP.</summary>
public sealed class ElectionPeriodTests
{
    private const string Ani = "198703152010011002";

    [Fact]
    public async Task A_refusing_period_refuses_approval_naming_the_terms_until_an_editor_overrides_with_a_reason_which_is_audited()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        await CreatePeriodAsync(scenario, "refuse", freeze: false);
        var item = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Wali kota hadiri acara PASLON 2", body: "Acara bersama pendukung Partai Maju.");

        var preview = await scenario.Api.GetJsonAsync($"/api/items/{item}/preview");
        Assert.Equal(["Paslon 2", "Partai Maju"], preview[0]!["electionTerms"]!.AsArray().Select(t => t!.GetValue<string>()));
        var (refused, problem) = await scenario.Api.PostAsync($"/api/items/{item}/approve", new { });
        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Contains("'Paslon 2'", problem!["errors"]!["election"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("submitted", (await scenario.ItemAsync(item)).Str("status"));

        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { electionOverride = "Liputan resmi acara pemerintah, bukan kampanye." }, 200);

        var audit = await scenario.Broker.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: item), CancellationToken.None);
        var overridden = Assert.Single(audit, e => e.Action == "item.electionOverride");
        Assert.StartsWith("Liputan resmi acara pemerintah", overridden.Detail, StringComparison.Ordinal);
        Assert.Contains("Paslon 2", overridden.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_period_shows_its_warning_on_the_review_page_and_approval_goes_ahead()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        await CreatePeriodAsync(scenario, "warn", freeze: false);
        var item = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Senam pagi", body: "Slogan hari ini: bersama membangun kota.");
        using var page = await PageSession.SignInAsync(scenario, Infrastructure.BrokerHost.AdminToken);

        var html = await (await page.GetAsync($"/tinjau/{item}")).Content.ReadAsStringAsync();

        Assert.Contains("Peringatan masa pemilu", html, StringComparison.Ordinal);
        Assert.Contains("Bersama Membangun Kota", html, StringComparison.Ordinal);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
    }

    [Fact]
    public async Task During_a_period_the_share_list_leaves_out_matching_items_and_says_why_and_a_frozen_period_shares_nothing()
    {
        await using var scenario = await Scenario.StartAsync();
        var plain = await ShareLinkTests.SharedItemAsync(scenario);
        var fb = (await scenario.ItemAsync(plain))["accountIds"]![0]!.GetValue<string>();
        var naming = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Kunjungan José Ramírez", body: "Kunjungan kerja.");
        await scenario.Api.PostExpectAsync($"/api/items/{naming}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(naming, "published");
        await scenario.Api.PostExpectAsync($"/api/items/{naming}/sharing", new { }, 200);
        var period = await CreatePeriodAsync(scenario, "warn", freeze: false);
        var (_, asnToken) = await scenario.CreateUserAsync("Ani", "asn", asnNip: Ani);
        using var asn = await PageSession.SignInAsync(scenario, asnToken);

        var listed = (await scenario.Api.GetJsonAsync($"/api/share-list?asn={Ani}")).AsArray().Select(e => e!.Str("itemId")).ToList();
        Assert.Equal([plain], listed);
        var html = await (await asn.GetAsync("/asn")).Content.ReadAsStringAsync();
        Assert.Contains("1 konten tidak ditampilkan selama Pilkada Samarinda 2026", html, StringComparison.Ordinal);
        using var link = await scenario.Api.GetAsync($"/api/items/{naming}/share-link?asn={Ani}");
        Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);

        await scenario.Api.PutAsJsonAsync($"/api/election-periods/{period.Id}", period.Body with { FreezeAsnSharing = true });

        Assert.Empty((await scenario.Api.GetJsonAsync($"/api/share-list?asn={Ani}")).AsArray());
        html = await (await asn.GetAsync("/asn")).Content.ReadAsStringAsync();
        Assert.Contains("Berbagi konten dihentikan selama Pilkada Samarinda 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_editors_changing_a_period_from_the_same_version_one_wins_and_a_bad_period_names_its_fields()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, other) = await scenario.CreateUserAsync("Rina", "editor");
        using var second = scenario.ClientWith(other);
        var clients = new[] { scenario.Api, second };
        var period = await CreatePeriodAsync(scenario, "warn", freeze: false);

        var changed = await Race.RunAsync(2, i => clients[i].PutAsJsonAsync($"/api/election-periods/{period.Id}", period.Body with { Terms = ["Editor " + i] }));

        Race.AssertOneWinner(changed);
        var (bad, problem) = await scenario.Api.PostAsync("/api/election-periods", new { name = "", kind = "pilkada", rule = "block", terms = Array.Empty<string>() });
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal(["endsAt", "kind", "name", "rule", "terms"], problem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    internal sealed record PeriodBody(string Name, string Kind, string Rule, bool FreezeAsnSharing, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string[] Terms, long Version);

    internal static async Task<(string Id, PeriodBody Body)> CreatePeriodAsync(Scenario scenario, string rule, bool freeze)
    {
        var now = TimeProvider.System.GetUtcNow();
        var body = new PeriodBody("Pilkada Samarinda 2026", "campaign", rule, freeze, now.AddDays(-1), now.AddDays(30), ["Paslon 2", "Partai Maju", "José Ramírez", "Bersama Membangun Kota"], 0);
        var created = await scenario.Api.PostExpectAsync("/api/election-periods", body, 201);
        return (created.Str("id"), body);
    }
}
