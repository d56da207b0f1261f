using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;

namespace Broker.IntegrationTests.Reports;

/// <summary>Dates near year 1 or 9999 (a time zone shift away from overflowing) are refused with a 400 naming the parameter.</summary>
public sealed class ReportRangeTests
{
    private const string Range = "2000-01-01 to 2100-12-31";

    /// <summary>The query, the parameter named, the words of the refusal (a time past year 9999 in UTC cannot even be read).</summary>
    private static readonly (string Query, string Field, string Says)[] Periods =
    [
        ("from=0001-01-01&to=2026-11-01", "from", Range),
        ("from=2026-11-01&to=9999-12-31", "to", Range),
        ("from=0001-01-01T00:00:00%2B00:00&to=2026-11-01", "from", Range),
        ("from=2026-11-01&to=9999-12-31T23:59:59-08:00", "to", "to must be a date"),
        ("from=1999-12-31&to=2026-11-01", "from", Range),
    ];

    [Theory]
    [InlineData("opd-activity")]
    [InlineData("two-hour-rule")]
    [InlineData("delivery-health")]
    [InlineData("amplification")]
    public async Task A_report_period_outside_the_supported_years_is_a_400_naming_the_parameter(string report)
    {
        await using var scenario = await Scenario.StartAsync();

        foreach (var (query, field, says) in Periods)
        {
            var (response, body) = await scenario.Api.SendAsync(HttpMethod.Get, $"/api/reports/{report}?{query}");

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query} answered {(int)response.StatusCode}");
            Assert.Contains(says, body!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_reports_page_refuses_a_period_outside_the_supported_years_with_a_400()
    {
        await using var scenario = await Scenario.StartAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        foreach (var (query, _, says) in Periods)
        {
            var answer = await editor.GetAsync($"/laporan?{query}");

            // The page says it in its language, after the field's name; the API keeps the English (above).
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{query} answered {(int)answer.StatusCode}");
            var page = await answer.Content.ReadAsStringAsync();
            var field = query.StartsWith("from=0001", StringComparison.Ordinal) || query.StartsWith("from=1999", StringComparison.Ordinal) ? "Dari tanggal" : "Sampai tanggal";
            var indonesian = says == Range ? "Tanggal harus antara 2000-01-01 dan 2100-12-31." : "Isi dengan tanggal (2026-11-01) atau tanggal dan jam";
            Assert.Contains($"{field}: {indonesian}", page, StringComparison.Ordinal);
            Assert.DoesNotContain(says, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_audit_query_outside_the_supported_years_is_a_400_naming_the_parameter()
    {
        await using var scenario = await Scenario.StartAsync();

        foreach (var (query, field) in new[]
        {
            ("from=0001-01-01T00:00:00%2B00:00", "from"), ("to=9999-12-31T23:59:59%2B00:00", "to"), ("from=0001-01-01", "from"), ("to=9999-12-31", "to"),
        })
        {
            var (response, body) = await scenario.Api.SendAsync(HttpMethod.Get, $"/api/audit?{query}");

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query} answered {(int)response.StatusCode}");
            Assert.Contains(Range, body!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.NotEmpty((await scenario.Api.GetJsonAsync("/api/audit?from=2000-01-01&to=2100-12-31")).AsArray());
    }

    [Fact]
    public async Task The_delivery_calendar_for_a_week_at_the_end_of_year_9999_shows_this_week_instead_of_failing()
    {
        await using var scenario = await Scenario.StartAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var answer = await editor.GetAsync("/jadwal?dari=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
