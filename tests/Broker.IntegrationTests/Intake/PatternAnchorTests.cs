using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// Validation patterns hold to the real end of the string: .NET's <c>$</c> also matches before a final newline, which let
/// <c>"dinkes\n"</c> in as an OPD code. One broker for the class: each test's OPD and NIP are its own.
/// </summary>
public sealed class PatternAnchorTests(SharedScenario shared) : IClassFixture<SharedScenario>
{
    private Scenario Scenario => shared.Scenario;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\n", true)]
    public async Task An_opd_code_with_a_line_break_is_a_400_naming_the_code_and_nothing_is_stored(string lineBreak, bool before = false)
    {
        var valid = shared.Unique("dinkes");
        var code = before ? lineBreak + valid : valid + lineBreak;

        var refused = await Scenario.Api.PostExpectAsync("/api/opds", new { code, name = "Dinas Kesehatan" }, 400);

        Assert.Contains("lower-case letters", refused["errors"]!["code"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = (await Scenario.Api.GetJsonAsync("/api/opds")).AsArray().Select(o => o!.Str("code"));
        Assert.DoesNotContain(stored, id => id.Contains(valid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_asn_whose_nip_phone_and_email_end_in_a_newline_is_stored_without_it_and_found_by_its_nip()
    {
        var opd = shared.Unique("dinkes");
        var nip = shared.UniqueNip();
        await Scenario.CreateOpdAsync(opd, "Dinas Kesehatan");

        await Scenario.Api.PostExpectAsync("/api/asn", new { nip = nip + "\n", name = "Sari", opd, phone = "+62 812 3456 7890\n", email = "sari@example.go.id\n" }, 201);

        var asn = await Scenario.Api.GetJsonAsync($"/api/asn/{nip}");
        Assert.Equal((nip, "+62 812 3456 7890", "sari@example.go.id"), (asn.Str("nip"), asn.Str("phone"), asn.Str("email")));
    }

    [Theory]
    [InlineData("nip", "19800101200501\n1001")]
    [InlineData("phone", "+62 812\n3456 7890")]
    [InlineData("email", "sari@example\n.go.id")]
    public async Task An_asn_field_with_an_inner_line_break_is_a_400_naming_the_field(string field, string value)
    {
        var opd = shared.Unique("dinkes");
        await Scenario.CreateOpdAsync(opd, "Dinas Kesehatan");
        var asn = new Dictionary<string, string> { ["nip"] = shared.UniqueNip(), ["name"] = "Sari", ["opd"] = opd, [field] = value };

        var (response, body) = await Scenario.Api.PostAsync("/api/asn", asn);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }
}
