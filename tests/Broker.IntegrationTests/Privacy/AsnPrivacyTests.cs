using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.IntegrationTests.Sharing;

namespace Broker.IntegrationTests.Privacy;

/// <summary>One ASN's personal data (UU PDP 27/2022): the export, and the erasure that keeps the counts.</summary>
public sealed class AsnPrivacyTests
{
    internal const string Ani = "198703152010011002";

    [Fact]
    public async Task An_export_holds_the_asns_record_sign_in_links_and_their_counts_and_no_token()
    {
        await using var scenario = await Scenario.StartAsync();
        var (item, code) = await ClickedAsync(scenario);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011009", name = "Citra", opd = "dinkes", phone = "081234567890", email = "citra@example.go.id" }, 201);
        var (user, token) = await scenario.CreateUserAsync("Ani (ASN)", "asn", asnNip: Ani);

        var export = await scenario.Api.GetJsonAsync($"/api/asn/{Ani}/export");
        var citra = await scenario.Api.GetJsonAsync("/api/asn/198703152010011009/export");

        Assert.Equal("Ani", export["asn"]!.Str("name"));
        Assert.Equal(user, export["users"]![0]!.Str("id"));
        var link = export["shareLinks"]![0]!;
        Assert.Equal(code, link.Str("code"));
        Assert.Equal(item, link.Str("itemId"));
        Assert.Equal(3, link["clicks"]!.GetValue<int>());
        Assert.Equal(2, link["uniqueVisitors"]!.GetValue<int>());
        Assert.DoesNotContain(token, export.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("tokenHash", export.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("081234567890", citra["asn"]!.Str("phone"));
        Assert.Equal("citra@example.go.id", citra["asn"]!.Str("email"));
        using var missing = await scenario.Api.GetAsync("/api/asn/198703152010019999/export");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Erasing_an_asn_replaces_their_name_ends_their_sign_in_and_keeps_the_counts()
    {
        await using var scenario = await Scenario.StartAsync();
        var (item, _) = await ClickedAsync(scenario);
        var (_, token) = await scenario.CreateUserAsync("Ani (ASN)", "asn", asnNip: Ani);
        using var bearer = scenario.ClientWith(token);
        using var session = await PageSession.SignInAsync(scenario, token);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/asn")).StatusCode);
        var before = await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks");

        using var erased = await scenario.Api.PostAsync($"/api/asn/{Ani}/erase", null);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var after = await scenario.Api.GetJsonAsync($"/api/items/{item}/clicks");
        Assert.Equal(before["total"]!.GetValue<int>(), after["total"]!.GetValue<int>());
        Assert.Equal(before["unique"]!.GetValue<int>(), after["unique"]!.GetValue<int>());
        Assert.Equal(3, after["byAsn"]![0]!["total"]!.GetValue<int>());
        Assert.Equal("ASN terhapus", after["byAsn"]![0]!.Str("name"));
        var record = await scenario.Api.GetJsonAsync($"/api/asn/{Ani}");
        Assert.Equal("ASN terhapus", record.Str("name"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/share-list")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await session.GetAsync("/asn")).StatusCode);
        var html = await (await scenario.ClientWith(null).GetAsync("/privasi")).Content.ReadAsStringAsync();
        Assert.Contains("Pemberitahuan privasi", html, StringComparison.Ordinal);
    }

    /// <summary>Ani's link to a shared item, clicked three times by two visitors: (item, code).</summary>
    internal static async Task<(string Item, string Code)> ClickedAsync(Scenario scenario)
    {
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        using var one = scenario.Broker.ClientFrom(IPAddress.Parse("127.0.0.11"));
        using var two = scenario.Broker.ClientFrom(IPAddress.Parse("127.0.0.12"));
        foreach (var visitor in new[] { one, one, two })
        {
            Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/s/{code}")).StatusCode);
        }

        await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/items/{item}/clicks"), c => c["total"]!.GetValue<int>() == 3, "the three clicks to be counted");
        return (item, code);
    }
}
