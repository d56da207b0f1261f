using System.Globalization;
using System.Net;
using System.Text;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Sharing;

public sealed class AsnDirectoryTests
{
    [Fact]
    public async Task A_csv_import_accepts_the_good_rows_and_reports_each_refused_row_with_its_reason()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198001012005011001", name = "Sudah Ada", opd = "dinkes" }, 201);
        var csv = """
            nip,name,opd,phone,email
            198703152010011002,Ani Lestari,dinkes,+62 812-3456-7890,ani@example.go.id
            19870315,Budi Pendek,dinkes,,
            198703152010011003,Citra,dishub,,
            198703152010011002,Ani Lagi,dinkes,,
            198001012005011001,Sudah Ada Lagi,dinkes,,
            198703152010011004,"Dewi, S.Sos",dinkes,,
            198703152010011005,Eko,dinkes,123,
            198703152010011006,Fajar,dinkes
            """;

        var report = await ImportAsync(scenario, csv);

        Assert.Equal(3, report["accepted"]!.GetValue<int>());
        var refused = report["refused"]!.AsArray().Select(r => (Row: r!["row"]!.GetValue<int>(), Nip: r["nip"]?.GetValue<string>(), Reason: r.Str("reason"))).ToList();
        Assert.Equal([3, 4, 5, 6, 8], refused.Select(r => r.Row));
        Assert.Contains("bad NIP", refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown OPD 'dishub'", refused[1].Reason, StringComparison.Ordinal);
        Assert.Contains("row 2 of this file", refused[2].Reason, StringComparison.Ordinal);
        Assert.Contains("already in the directory", refused[3].Reason, StringComparison.Ordinal);
        Assert.Contains("bad phone", refused[4].Reason, StringComparison.Ordinal);

        var dewi = await scenario.Api.GetJsonAsync("/api/asn/198703152010011004");
        Assert.Equal("Dewi, S.Sos", dewi.Str("name"));
        Assert.Equal("+62 812-3456-7890", (await scenario.Api.GetJsonAsync("/api/asn/198703152010011002")).Str("phone"));
        Assert.Equal(4, (await scenario.Api.GetJsonAsync("/api/asn?opd=dinkes")).AsArray().Count);
    }

    [Fact]
    public async Task Five_thousand_rows_import_at_once_and_a_second_import_of_the_same_file_refuses_them_all_as_duplicates()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var csv = new StringBuilder("nip,name,opd\r\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"19900101{i:D10},ASN {i},dinkes\r\n");
        }

        Assert.Equal(5000, (await ImportAsync(scenario, csv.ToString()))["accepted"]!.GetValue<int>());
        var again = await ImportAsync(scenario, csv.ToString());
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(5000, again["refused"]!.AsArray().Count);
        Assert.Equal(5000, (await scenario.Api.GetJsonAsync("/api/asn")).AsArray().Count);
    }

    [Theory]
    [InlineData("nama,nip,opd\n198703152010011002,Ani,dinkes\n", "header")]
    [InlineData("", "header")]
    public async Task A_file_without_the_header_imports_nothing_and_says_so(string csv, string reason)
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var report = await ImportAsync(scenario, csv);
        Assert.Equal(0, report["accepted"]!.GetValue<int>());
        Assert.Contains(reason, report["refused"]![0]!.Str("reason"), StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/asn")).AsArray());
    }

    [Fact]
    public async Task Deactivating_an_asn_revokes_their_sign_in_and_a_second_record_with_the_same_nip_is_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        const string nip = "198703152010011002";
        await scenario.Api.PostExpectAsync("/api/asn", new { nip, name = "Ani", opd = "dinkes" }, 201);
        await scenario.Api.PostExpectAsync("/api/asn", new { nip, name = "Ani", opd = "dinkes" }, 409);
        var (_, token) = await scenario.CreateUserAsync("Ani", "asn", asnNip: nip);
        using var ani = scenario.ClientWith(token);
        Assert.Equal("dinkes", (await ani.GetJsonAsync("/api/users/me")).Str("opd"));

        var deactivated = await scenario.Api.PostExpectAsync($"/api/asn/{nip}/deactivate", null, 200);

        Assert.False(deactivated["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ani.SendAsync(HttpMethod.Get, "/api/share-list")).Response.StatusCode);
        await scenario.Api.PostExpectAsync("/api/users", new { name = "Ani", role = "asn", asnNip = nip }, 400);
    }

    [Fact]
    public async Task An_import_that_is_not_csv_is_refused_with_the_expected_content_type()
    {
        await using var scenario = await Scenario.StartAsync();
        var (response, body) = await scenario.Api.PostAsync("/api/asn/import", new { nip = "1" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", body!.Str("detail"), StringComparison.Ordinal);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ImportAsync(Scenario scenario, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await scenario.Api.PostAsync("/api/asn/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!;
    }
}
