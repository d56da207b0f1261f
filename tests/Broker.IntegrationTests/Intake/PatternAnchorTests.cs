using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// Validation patterns hold to the real end of the string: .NET's <c>$</c> also matches before a final newline, which let
/// <c>"dinkes\n"</c> in as an OPD code.
/// </summary>
public sealed class PatternAnchorTests
{
    [Theory]
    [InlineData("dinkes\n")]
    [InlineData("dinkes\r\n")]
    [InlineData("\ndinkes")]
    public async Task An_opd_code_with_a_line_break_is_a_400_naming_the_code_and_nothing_is_stored(string code)
    {
        await using var scenario = await Scenario.StartAsync();

        var refused = await scenario.Api.PostExpectAsync("/api/opds", new { code, name = "Dinas Kesehatan" }, 400);

        Assert.Contains("lower-case letters", refused["errors"]!["code"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/opds")).AsArray());
    }

    [Fact]
    public async Task An_asn_whose_nip_phone_and_email_end_in_a_newline_is_stored_without_it_and_found_by_its_nip()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");

        await scenario.Api.PostExpectAsync("/api/asn", new { nip = "198001012005011001\n", name = "Sari", opd = "dinkes", phone = "+62 812 3456 7890\n", email = "sari@example.go.id\n" }, 201);

        var asn = await scenario.Api.GetJsonAsync("/api/asn/198001012005011001");
        Assert.Equal(("198001012005011001", "+62 812 3456 7890", "sari@example.go.id"), (asn.Str("nip"), asn.Str("phone"), asn.Str("email")));
    }

    [Theory]
    [InlineData("nip", "19800101200501\n1001")]
    [InlineData("phone", "+62 812\n3456 7890")]
    [InlineData("email", "sari@example\n.go.id")]
    public async Task An_asn_field_with_an_inner_line_break_is_a_400_naming_the_field(string field, string value)
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var asn = new Dictionary<string, string> { ["nip"] = "198001012005011001", ["name"] = "Sari", ["opd"] = "dinkes", [field] = value };

        var (response, body) = await scenario.Api.PostAsync("/api/asn", asn);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }
}
