using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Sharing;

/// <summary>Onboarding ASN from the pages: an import previewed before anything is written, then sign-in links for an OPD.</summary>
public sealed partial class AsnOnboardingTests
{
    [Fact]
    public async Task An_uploaded_file_is_previewed_with_each_refused_row_nothing_is_written_and_two_confirmations_at_once_import_it_once()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var csv = new StringBuilder("nip,name,opd,phone\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"19900303{i:D10},ASN {i:D3},dinkes,0812{i:D8}\n");
        }

        csv.Append("1990,Pendek,dinkes,\n199003030000000007,Ganda,dinkes,\n");

        var uploaded = await editor.PostFileAsync("/direktori-asn/impor", "/direktori-asn/impor", "file", "asn.csv", Encoding.UTF8.GetBytes(csv.ToString()), "text/csv");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var preview = uploaded.Headers.Location!.OriginalString;
        var id = preview.Split('/')[^1];
        var page = WebUtility.HtmlDecode(await (await editor.GetAsync(preview)).Content.ReadAsStringAsync());
        Assert.Contains("300 baris akan ditambahkan, 2 baris ditolak", page, StringComparison.Ordinal);
        Assert.Contains("NIP '1990' tidak sah", page, StringComparison.Ordinal);
        Assert.Contains("sudah ada di baris 9 berkas ini", page, StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/asn")).AsArray());

        var statuses = await Race.RunAsync(2, _ => scenario.Api.PostAsync($"/api/asn/import/previews/{id}/confirm", null));

        Race.AssertOneWinner(statuses);
        using var firstPage = await scenario.Api.GetAsync("/api/asn?opd=dinkes&limit=200");
        var next = firstPage.Headers.GetValues("Link").Single();
        Assert.Matches("^</api/asn\\?opd=dinkes&limit=200&after=199003030000000199>; rel=\"next\"$", next);
        var rest = await scenario.Api.GetAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        Assert.False(rest.Headers.Contains("Link"));
        Assert.Equal(100, System.Text.Json.Nodes.JsonNode.Parse(await rest.Content.ReadAsStringAsync())!.AsArray().Count);
        Assert.Contains("300 ASN ditambahkan", await (await editor.GetAsync(preview)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostFormAsync(preview, preview, [])).StatusCode);
        Assert.Equal(300, (await scenario.Api.GetJsonAsync("/api/asn?limit=5000")).AsArray().Count);
    }

    [Fact]
    public async Task Sign_in_links_for_an_opds_asn_come_as_a_csv_and_as_whatsapp_messages_and_a_link_signs_the_asn_in()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011002", name = "Ani", opd = "dinkes", phone = "0812-3456-7890" }, 201);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011003", name = "Budi", opd = "dinkes" }, 201);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011004", name = "Citra", opd = "dishub" }, 201);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var file = await editor.PostFormAsync("/direktori-asn/tautan", "/direktori-asn/tautan", new() { ["opd"] = "dinkes", ["format"] = "csv" });
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        var lines = (await file.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nip,name,phone,url,expiresAt,whatsapp", lines[0]);
        Assert.Equal(["198703152010011002", "198703152010011003"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("https://wa.me/6281234567890?text=", lines[1], StringComparison.Ordinal);

        var messages = WebUtility.HtmlDecode(await (await editor.PostFormAsync("/direktori-asn/tautan", "/direktori-asn/tautan", new() { ["opd"] = "dinkes", ["format"] = "whatsapp" })).Content.ReadAsStringAsync());
        Assert.Contains("https://wa.me/6281234567890?text=Halo%20Ani", messages, StringComparison.Ordinal);
        Assert.Contains("Budi: http", messages, StringComparison.Ordinal);
        Assert.Equal(2, (await scenario.Api.GetJsonAsync("/api/users")).AsArray().Count(u => u!.Str("role") == "asn"));

        var link = new Uri(lines[1].Split(',')[3]).PathAndQuery;
        using var ani = PageSession.Anonymous(scenario);
        var signedIn = await ani.PostFormAsync(link, link, []);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/asn", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await ani.GetAsync("/asn")).StatusCode);
    }

    [Fact]
    public async Task The_directory_page_searches_by_name_prefix_within_an_opd_and_an_opd_admin_sees_only_their_own()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011002", name = "Ani Lestari", opd = "dinkes" }, 201);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198703152010011003", name = "Anita", opd = "dishub" }, 201);
        using var sari = await PageSession.SignInAsync(scenario, (await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes")).Token);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        Assert.Equal(["198703152010011002", "198703152010011003"], Nips(await (await editor.GetAsync("/direktori-asn?q=ani")).Content.ReadAsStringAsync()));
        Assert.Equal(["198703152010011003"], Nips(await (await editor.GetAsync("/direktori-asn?q=ANI&opd=dishub")).Content.ReadAsStringAsync()));
        Assert.Equal(["198703152010011002"], Nips(await (await sari.GetAsync("/direktori-asn?q=ani&opd=dishub")).Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await sari.PostFormAsync("/direktori-asn", "/direktori-asn?handler=Deactivate&nip=198703152010011002", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/direktori-asn", "/direktori-asn?handler=Deactivate&nip=198703152010011002", [])).StatusCode);
        Assert.False((await scenario.Api.GetJsonAsync("/api/asn/198703152010011002"))["active"]!.GetValue<bool>());
    }

    private static List<string> Nips(string html) => [.. Row().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr class=\"asn\" data-nip=\"(\\d{18})\"")]
    private static partial Regex Row();
}
