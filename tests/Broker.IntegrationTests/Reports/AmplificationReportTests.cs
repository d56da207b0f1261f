using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Reports;

/// <summary>The amplification leaderboards against <see cref="AmplificationWorld"/>'s known answers, as JSON and as CSV.</summary>
public sealed class AmplificationReportTests(AmplificationWorld world) : IClassFixture<AmplificationWorld>
{
    private const string Ani = AmplificationWorld.Ani;
    private const string Budi = AmplificationWorld.Budi;
    private const string Citra = AmplificationWorld.Citra;

    [Fact]
    public async Task The_leaderboards_rank_asn_and_opds_by_the_clicks_of_the_last_30_days()
    {
        var report = await world.Editor.GetJsonAsync("/api/reports/amplification");

        // Unique visitors are counted per day and summed: A came on two days (T0-10d and T0-3d) and counts twice.
        Assert.Equal((2, 7, 4), Counts(report["totals"]!, "links"));
        Assert.Equal(AmplificationWorld.T0, report["period"]!["to"]!.GetValue<DateTimeOffset>());
        var asn = report["asn"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal([Ani, Citra, Budi], asn.Select(a => a.Str("nip")));
        Assert.Equal([1, 2, 3], asn.Select(a => a["rank"]!.GetValue<int>()));
        Assert.Equal(("Ani", "dinkes", 0, 4, 2), Row(asn[0]));
        Assert.Equal(("Citra", "dishub", 1, 2, 1), Row(asn[1]));
        Assert.Equal(("Budi", "dinkes", 1, 1, 1), Row(asn[2]));

        var opds = report["opds"]!.AsArray().Select(o => o!).ToList();
        Assert.Equal(["dinkes", "dishub"], opds.Select(o => o.Str("opd")));
        Assert.Equal(("Dinas Kesehatan", 2), (opds[0].Str("name"), opds[0]["asn"]!.GetValue<int>()));
        Assert.Equal((1, 5, 3), Counts(opds[0], "links"));
        Assert.Equal((1, 2, 1), Counts(opds[1], "links"));
    }

    [Fact]
    public async Task A_period_by_dates_counts_the_links_and_clicks_inside_it_only()
    {
        var early = await world.Editor.GetJsonAsync("/api/reports/amplification?from=2026-09-01&to=2026-09-30");
        Assert.Equal((1, 2, 1), Counts(early["totals"]!, "links"));
        Assert.Equal(("Ani", "dinkes", 1, 2, 1), Row(Assert.Single(early["asn"]!.AsArray())!));

        // 2026-10-23 is T0-10d in WITA: a date alone starts at local midnight, and "to" includes its whole day.
        var middle = await world.Editor.GetJsonAsync("/api/reports/amplification?from=2026-10-23&to=2026-10-28");
        Assert.Equal((2, 5, 3), Counts(middle["totals"]!, "links"));
        Assert.Equal([Ani, Budi, Citra], middle["asn"]!.AsArray().Select(a => a!.Str("nip")));
        Assert.Equal(("Citra", "dishub", 1, 0, 0), Row(middle["asn"]![2]!));
    }

    [Fact]
    public async Task An_opd_admin_sees_their_own_opds_asn_only_and_an_editor_may_pick_one_opd()
    {
        var dishub = await world.DishubAdmin.GetJsonAsync("/api/reports/amplification?opd=dinkes");
        Assert.Equal([Citra], dishub["asn"]!.AsArray().Select(a => a!.Str("nip")));
        Assert.Equal(["dishub"], dishub["opds"]!.AsArray().Select(o => o!.Str("opd")));
        Assert.Equal((1, 2, 1), Counts(dishub["totals"]!, "links"));

        var dinkes = await world.Editor.GetJsonAsync("/api/reports/amplification?opd=dinkes");
        Assert.Equal([Ani, Budi], dinkes["asn"]!.AsArray().Select(a => a!.Str("nip")));
        Assert.Equal((1, 5, 3), Counts(dinkes["totals"]!, "links"));
    }

    [Fact]
    public async Task The_leaderboards_as_csv_have_the_same_ranks_and_counts()
    {
        using var response = await world.Editor.GetAsync("/api/reports/amplification?format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("amplification-asn-2026-10-03-2026-11-02.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var asn = CsvRows.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["rank", "nip", "name", "opd", "links", "clicks", "unique"], asn.Header);
        Assert.Equal(["1", Ani, "Ani", "dinkes", "0", "4", "2"], asn.Rows[0]);
        Assert.Equal(["3", Budi, "Budi", "dinkes", "1", "1", "1"], asn.Rows[2]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/amplification?table=opds");
        request.Headers.Accept.ParseAdd("text/csv");
        using var perOpd = await world.Editor.SendAsync(request);
        var opds = CsvRows.Parse(await perOpd.Content.ReadAsStringAsync());
        Assert.Equal(["rank", "opd", "opdName", "asn", "links", "clicks", "unique"], opds.Header);
        Assert.Equal(["1", "dinkes", "Dinas Kesehatan", "2", "1", "5", "3"], opds.Rows[0]);
        Assert.Equal(["2", "dishub", "Dinas Perhubungan", "1", "1", "2", "1"], opds.Rows[1]);
    }

    [Theory]
    [InlineData("/api/reports/amplification?from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("/api/reports/amplification?format=csv&table=channels", "table")]
    public async Task A_bad_period_or_table_is_refused_with_the_field_named(string path, string field)
    {
        var (response, body) = await world.Editor.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }

    private static (int Links, int Clicks, int Unique) Counts(JsonNode node, string links) =>
        (node[links]!.GetValue<int>(), node["clicks"]!.GetValue<int>(), node["unique"]!.GetValue<int>());

    private static (string Name, string Opd, int Links, int Clicks, int Unique) Row(JsonNode asn) =>
        (asn.Str("name"), asn.Str("opd"), asn["links"]!.GetValue<int>(), asn["clicks"]!.GetValue<int>(), asn["unique"]!.GetValue<int>());
}
