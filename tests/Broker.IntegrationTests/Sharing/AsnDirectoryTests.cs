using System.Globalization;
using System.Net;
using System.Text;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Sharing;

/// <summary>
/// The ASN directory and its CSV import. One broker for the class: each test's rows are its own, through <see cref="Own"/>
/// (its own OPD for "dinkes" and its own first eight NIP digits), and it reads back only its own OPD.
/// </summary>
public sealed class AsnDirectoryTests(SharedScenario shared) : IClassFixture<SharedScenario>
{
    private readonly string dinkes = shared.Unique("dinkes");

    private readonly string nips = shared.UniqueNip("")[^8..];

    private Scenario Scenario => shared.Scenario;

    /// <summary>The test's text with its own OPD for "dinkes" and its own first eight digits for the NIPs' birth dates.</summary>
    private string Own(string text) => text
        .Replace("dinkes", dinkes, StringComparison.Ordinal)
        .Replace("19870315", nips, StringComparison.Ordinal)
        .Replace("19800101", nips, StringComparison.Ordinal)
        .Replace("19900101", nips, StringComparison.Ordinal);

    private Task<System.Text.Json.Nodes.JsonNode> OwnAsnAsync(string query = "") => Scenario.Api.GetJsonAsync(Own($"/api/asn?opd=dinkes{query}"));

    [Fact]
    public async Task A_csv_import_accepts_the_good_rows_and_reports_each_refused_row_with_its_reason()
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        await Scenario.Api.PostExpectAsync("/api/asn", new { nip = Own("198001012005011001"), name = "Sudah Ada", opd = dinkes }, 201);
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

        var report = await ImportAsync(csv);

        Assert.Equal(3, report["accepted"]!.GetValue<int>());
        var refused = report["refused"]!.AsArray().Select(r => (Row: r!["row"]!.GetValue<int>(), Nip: r["nip"]?.GetValue<string>(), Reason: r.Str("reason"))).ToList();
        Assert.Equal([3, 4, 5, 6, 8], refused.Select(r => r.Row));
        Assert.Contains("bad NIP", refused[0].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown OPD 'dishub'", refused[1].Reason, StringComparison.Ordinal);
        Assert.Contains("row 2 of this file", refused[2].Reason, StringComparison.Ordinal);
        Assert.Contains("already in the directory", refused[3].Reason, StringComparison.Ordinal);
        Assert.Contains("bad phone", refused[4].Reason, StringComparison.Ordinal);

        var dewi = await Scenario.Api.GetJsonAsync(Own("/api/asn/198703152010011004"));
        Assert.Equal("Dewi, S.Sos", dewi.Str("name"));
        Assert.Equal("+62 812-3456-7890", (await Scenario.Api.GetJsonAsync(Own("/api/asn/198703152010011002"))).Str("phone"));
        Assert.Equal(4, (await OwnAsnAsync()).AsArray().Count);
    }

    [Fact]
    public async Task Five_thousand_rows_import_at_once_and_a_second_import_of_the_same_file_refuses_them_all_as_duplicates()
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        var csv = new StringBuilder("nip,name,opd\r\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"19900101{i:D10},ASN {i},dinkes\r\n");
        }

        Assert.Equal(5000, (await ImportAsync(csv.ToString()))["accepted"]!.GetValue<int>());
        var again = await ImportAsync(csv.ToString());
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(5000, again["refused"]!.AsArray().Count);
        Assert.Equal(5000, (await OwnAsnAsync("&limit=5000")).AsArray().Count);
    }

    [Theory]
    [InlineData("nama,nip,opd\n198703152010011002,Ani,dinkes\n", "header")]
    [InlineData("", "header")]
    public async Task A_file_without_the_header_imports_nothing_and_says_so(string csv, string reason)
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        var report = await ImportAsync(csv);
        Assert.Equal(0, report["accepted"]!.GetValue<int>());
        Assert.Contains(reason, report["refused"]![0]!.Str("reason"), StringComparison.Ordinal);
        Assert.Empty((await OwnAsnAsync()).AsArray());
    }

    [Fact]
    public async Task Deactivating_an_asn_revokes_their_sign_in_and_a_second_record_with_the_same_nip_is_refused()
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        var nip = Own("198703152010011002");
        await Scenario.Api.PostExpectAsync("/api/asn", new { nip, name = "Ani", opd = dinkes }, 201);
        await Scenario.Api.PostExpectAsync("/api/asn", new { nip, name = "Ani", opd = dinkes }, 409);
        var (_, token) = await Scenario.CreateUserAsync("Ani", "asn", asnNip: nip);
        using var ani = Scenario.ClientWith(token);
        Assert.Equal(dinkes, (await ani.GetJsonAsync("/api/users/me")).Str("opd"));

        var deactivated = await Scenario.Api.PostExpectAsync($"/api/asn/{nip}/deactivate", null, 200);

        Assert.False(deactivated["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ani.SendAsync(HttpMethod.Get, "/api/share-list")).Response.StatusCode);
        await Scenario.Api.PostExpectAsync("/api/users", new { name = "Ani", role = "asn", asnNip = nip }, 400);
    }

    [Fact]
    public async Task An_import_that_is_not_csv_is_refused_with_the_expected_content_type()
    {
        var (response, body) = await Scenario.Api.PostAsync("/api/asn/import", new { nip = "1" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", body!.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_bytes_that_are_not_utf8_is_refused_naming_the_row_and_imports_nothing()
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        byte[] csv =
        [
            .. Encoding.UTF8.GetBytes(Own("nip,name,opd\n198703152010011002,Ani,dinkes\n198703152010011003,Jos")),
            0xE9, // "é" in Windows-1252, not UTF-8
            .. Encoding.UTF8.GetBytes(Own("phine,dinkes\n198703152010011004,Citra,dinkes\n")),
        ];

        var refused = await RefusedImportAsync(csv);

        Assert.Equal([3], refused.Select(r => r.Row));
        Assert.Contains("UTF-8", refused[0].Reason, StringComparison.Ordinal);
        Assert.Empty((await OwnAsnAsync()).AsArray());
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("\u0007")]
    [InlineData("\u001B")]
    [InlineData("\u0085")]
    public async Task An_import_with_a_control_character_in_a_field_is_refused_naming_the_row_and_imports_nothing(string control)
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        var csv = $"nip,name,opd\n198703152010011002,Ani,dinkes\n198703152010011003,\"Budi{control}\",dinkes\n198703152010011004,Citra,dinkes\n";

        var refused = await RefusedImportAsync(Encoding.UTF8.GetBytes(Own(csv)));

        Assert.Equal([3], refused.Select(r => r.Row));
        Assert.Contains("control character", refused[0].Reason, StringComparison.Ordinal);
        Assert.Empty((await OwnAsnAsync()).AsArray());
    }

    [Theory]
    [InlineData("nip,name,opd\n198703152010011002,Ani,dinkes\n198703152010011003,\"Budi,dinkes\n198703152010011004,Citra,dinkes\n", new[] { 3 })]
    [InlineData("nip,name,opd\n198703152010011002,Ani,dinkes\n198703152010011003,\"Budi,dinkes\n198703152010011004,Citra,dinkes\n198703152010011005,Dewi\",dinkes\n", new[] { 3, 5 })]
    [InlineData("nip,name,opd\n198703152010011002,Ani \"Nia\" Lestari,dinkes\n", new[] { 2 })]
    [InlineData("nip,name,opd\n198703152010011002,\"Ani\" Lestari,dinkes\n", new[] { 2 })]
    public async Task An_import_with_broken_quoting_is_refused_naming_the_row_where_the_quote_opened_and_imports_nothing(string csv, int[] rows)
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");

        var refused = await RefusedImportAsync(Encoding.UTF8.GetBytes(Own(csv)));

        Assert.Equal(rows, refused.Select(r => r.Row));
        Assert.All(refused, r => Assert.Contains("quote", r.Reason, StringComparison.Ordinal));
        Assert.Empty((await OwnAsnAsync()).AsArray());
    }

    [Theory]
    [InlineData(";")]
    [InlineData("\t")]
    [InlineData(",")]
    public async Task An_excel_export_with_a_byte_order_mark_crlf_and_its_own_separator_imports(string separator)
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        string[][] rows =
        [
            ["nip", "name", "opd", "phone", "email"],
            ["198703152010011002", "\"Dewi; S.Sos, M.Si\"", "dinkes", "+62 812-3456-7890", ""],
            ["198703152010011003", "\"Eko \"\"Ekky\"\" Prasetyo\"", "dinkes", "", "eko@example.go.id"],
        ];
        var lines = rows.Select(fields => Own(string.Join(separator, fields)) + "\r\n");
        byte[] csv = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Concat(lines))];

        var report = await ImportAsync(new ByteArrayContent(csv));

        Assert.Equal(2, report["accepted"]!.GetValue<int>());
        Assert.Empty(report["refused"]!.AsArray());
        var dewi = await Scenario.Api.GetJsonAsync(Own("/api/asn/198703152010011002"));
        Assert.Equal("Dewi; S.Sos, M.Si", dewi.Str("name"));
        Assert.Equal("+62 812-3456-7890", dewi.Str("phone"));
        Assert.Equal("Eko \"Ekky\" Prasetyo", (await Scenario.Api.GetJsonAsync(Own("/api/asn/198703152010011003"))).Str("name"));
    }

    [Fact]
    public async Task Imports_of_the_same_rows_at_the_same_moment_store_each_nip_once_and_answer_ok_or_409_never_500()
    {
        await Scenario.CreateOpdAsync(dinkes, "Dinas Kesehatan");
        var csv = "nip,name,opd\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"1987031520100{i + 10000:D5},ASN {i},dinkes\n"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var content = new StringContent(Own(csv), Encoding.UTF8, "text/csv");
            using var response = await Scenario.Api.PostAsync("/api/asn/import", content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.StatusCode}: {a.Body}"));
        var accepted = answers.Where(a => a.StatusCode == HttpStatusCode.OK)
            .Sum(a => System.Text.Json.Nodes.JsonNode.Parse(a.Body)!["accepted"]!.GetValue<int>());
        Assert.Equal(300, accepted);
        Assert.Equal(300, (await OwnAsnAsync()).AsArray().Count);
    }

    private async Task<List<(int Row, string Reason)>> RefusedImportAsync(byte[] csv)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
        var response = await Scenario.Api.PostAsync("/api/asn/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"import answered {(int)response.StatusCode}: {text}");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Contains("Nothing was imported", problem.Str("detail"), StringComparison.Ordinal);
        return [.. problem["rows"]!.AsArray().Select(r => (r!["row"]!.GetValue<int>(), r.Str("reason")))];
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ImportAsync(HttpContent content)
    {
        content.Headers.ContentType = new("text/csv");
        var response = await Scenario.Api.PostAsync("/api/asn/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!;
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ImportAsync(string csv)
    {
        using var content = new StringContent(Own(csv), Encoding.UTF8, "text/csv");
        var response = await Scenario.Api.PostAsync("/api/asn/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import answered {(int)response.StatusCode}: {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!;
    }
}
