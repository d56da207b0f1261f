using System.Globalization;
using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Pages;

/// <summary>Opening an item for sharing from its page: to chosen OPDs' ASN, until a time, by compare-and-set on its version.</summary>
public sealed class ItemSharingPageTests
{
    [Fact]
    public async Task An_editor_opens_an_approved_item_for_two_opds_until_a_time_and_a_form_from_an_older_version_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await scenario.CreateOpdAsync("disdik", "Dinas Pendidikan");
        var account = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var item = await scenario.SubmitItemAsync("dinkes", [account]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(2) }, 200);
        var version = (await scenario.ItemAsync(item))["version"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var page = $"/konten/{item}";
        Assert.Contains("Belum dibuka untuk dibagikan", await (await editor.GetAsync(page)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(7 + 48).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        var shared = await editor.PostFieldsAsync(page, $"{page}?handler=Share",
            [new("scope", "chosen"), new("opd", "dinkes"), new("opd", "dishub"), new("until", until), new("version", version)]);

        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        Assert.Equal($"{page}?selesai=shared", shared.Headers.Location!.OriginalString);
        var html = await (await editor.GetAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("Dinas Kesehatan, Dinas Perhubungan", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dinas Pendidikan ·", html, StringComparison.Ordinal);
        var ani = await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011002", name = "Ani", opd = "dishub" }, 201);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.GetAsync($"/api/items/{item}/share-link?asn={ani.Str("nip")}")).StatusCode);

        var stale = await editor.PostFieldsAsync(page, $"{page}?handler=Unshare", [new("version", version)]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var none = await editor.PostFieldsAsync(page, $"{page}?handler=Share", [new("scope", "chosen"), new("until", ""), new("version", version)]);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
    }
}
