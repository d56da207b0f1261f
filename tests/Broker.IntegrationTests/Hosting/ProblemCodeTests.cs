using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Hosting;

/// <summary>Every problem names a stable code (its words in both languages: Broker.Tests/Api/ProblemCodesTests).</summary>
public sealed class ProblemCodeTests
{
    [Fact]
    public async Task Api_problems_keep_their_english_detail_and_carry_a_machine_code()
    {
        await using var scenario = await Scenario.StartAsync();
        using var anonymous = scenario.ClientWith(null);

        var missing = await scenario.Api.SendAsync(HttpMethod.Get, "/api/accounts/nope");
        var invalid = await scenario.Api.SendAsync(HttpMethod.Post, "/api/opds", new { code = "", name = "" });
        var unknown = await scenario.Api.SendAsync(HttpMethod.Post, "/api/accounts/connect/myspace", new { opd = "diskominfo" });
        var unsigned = await anonymous.SendAsync(HttpMethod.Get, "/api/accounts");

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (missing.Response.StatusCode, missing.Body!.Str("code")));
        Assert.Equal("There is no account 'nope'.", missing.Body!.Str("detail"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_fields"), (invalid.Response.StatusCode, invalid.Body!.Str("code")));
        Assert.Equal("name is required.", invalid.Body!["errors"]!["name"]![0]!.GetValue<string>());
        Assert.Equal(("field.required", "name"), (invalid.Body!["errorCodes"]!["name"]![0]!.Str("code"), invalid.Body!["errorCodes"]!["name"]![0]!["arguments"]!.Str("field")));
        Assert.Equal((HttpStatusCode.NotFound, "unknown_platform"), (unknown.Response.StatusCode, unknown.Body!.Str("code")));
        Assert.Equal((HttpStatusCode.Unauthorized, "not_signed_in"), (unsigned.Response.StatusCode, unsigned.Body!.Str("code")));
    }
}
