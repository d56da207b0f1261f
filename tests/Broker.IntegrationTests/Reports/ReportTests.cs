using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Reports;

/// <summary>The three reports of flow 8 against <see cref="ReportWorld"/>'s known answers, as JSON and as CSV.</summary>
public sealed class ReportTests(ReportWorld world) : IClassFixture<ReportWorld>
{
    private static readonly DateTimeOffset T0 = ReportWorld.T0;

    [Fact]
    public async Task Opd_activity_counts_posts_per_channel_in_the_last_7_and_30_days_and_flags_agencies_not_updating()
    {
        var report = await world.Editor.GetJsonAsync("/api/reports/opd-activity");
        var opds = report["opds"]!.AsArray().Select(o => o!).ToDictionary(o => o.Str("opd"));
        Assert.Equal(["dinkes", "disdik", "dishub"], opds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(7, report["staleAfterDays"]!.GetValue<int>());

        var dinkes = opds["dinkes"];
        Assert.Equal((1, 3, 3), Counts(dinkes));
        Assert.Equal(T0.AddDays(-2), dinkes["lastPostAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, dinkes["daysSinceLastPost"]!.GetValue<int>());
        Assert.False(dinkes["notUpdating"]!.GetValue<bool>());
        var channels = dinkes["channels"]!.AsArray().Select(c => c!).ToDictionary(c => c.Str("platform"));
        Assert.Equal((1, 2, 2), Counts(channels["facebook"]));
        Assert.Equal((0, 1, 1), Counts(channels["x"]));
        Assert.Equal(world.DinkesX, channels["x"].Str("accountId"));

        Assert.Equal((0, 1, 1), Counts(opds["dishub"]));
        Assert.Equal(10, opds["dishub"]["daysSinceLastPost"]!.GetValue<int>());
        Assert.True(opds["dishub"]["notUpdating"]!.GetValue<bool>());

        Assert.Equal((0, 0, 0), Counts(opds["disdik"]));
        Assert.Null(opds["disdik"]["lastPostAt"]);
        Assert.Null(opds["disdik"]["daysSinceLastPost"]);
        Assert.True(opds["disdik"]["notUpdating"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Opd_activity_as_csv_has_the_same_counts_and_flags_per_opd_and_per_channel()
    {
        var opds = await CsvAsync("/api/reports/opd-activity?format=csv");
        Assert.Equal(["opd", "opdName", "postsLast7Days", "postsLast30Days", "postsInPeriod", "lastPostAt", "daysSinceLastPost", "notUpdating"], opds.Header);
        var dinkes = opds.Single("opd", "dinkes");
        Assert.Equal(("Dinas Kesehatan", "1", "3", "3", "2026-10-31T00:00:00Z", "2", "false"),
            (dinkes["opdName"], dinkes["postsLast7Days"], dinkes["postsLast30Days"], dinkes["postsInPeriod"], dinkes["lastPostAt"], dinkes["daysSinceLastPost"], dinkes["notUpdating"]));
        Assert.Equal(("10", "true"), (opds.Single("opd", "dishub")["daysSinceLastPost"], opds.Single("opd", "dishub")["notUpdating"]));
        Assert.Equal(("", "", "true"), (opds.Single("opd", "disdik")["lastPostAt"], opds.Single("opd", "disdik")["daysSinceLastPost"], opds.Single("opd", "disdik")["notUpdating"]));

        var channels = await CsvAsync("/api/reports/opd-activity?format=csv&table=channels");
        var x = channels.Single("accountId", world.DinkesX);
        Assert.Equal(("dinkes", "x", "0", "1", "2026-10-13T00:00:00Z"), (x["opd"], x["platform"], x["postsLast7Days"], x["postsLast30Days"], x["lastPostAt"]));
        Assert.Equal(4, channels.Rows.Count);
    }

    [Fact]
    public async Task A_period_counts_only_the_posts_inside_it_and_the_windows_end_where_it_ends()
    {
        var report = await world.Editor.GetJsonAsync($"/api/reports/opd-activity?from={Iso(T0.AddDays(-15))}&to={Iso(T0.AddDays(-9))}");
        var dishub = report["opds"]!.AsArray().Single(o => o!.Str("opd") == "dishub")!;
        Assert.Equal((1, 1, 1), Counts(dishub));
        Assert.Equal(1, dishub["daysSinceLastPost"]!.GetValue<int>());
        Assert.False(dishub["notUpdating"]!.GetValue<bool>());

        // Dates alone are whole days in the installation's time zone (WITA, UTC+8): to=2026-11-01 ends at 16:00 UTC.
        var byDate = await world.Editor.GetJsonAsync("/api/reports/opd-activity?from=2026-10-25&to=2026-11-01");
        Assert.Equal(DateTimeOffset.Parse("2026-10-24T16:00:00Z", CultureInfo.InvariantCulture), byDate["period"]!["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(T0.AddHours(-8), byDate["period"]!["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, byDate["opds"]!.AsArray().Single(o => o!.Str("opd") == "dinkes")!["postsInPeriod"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_two_hour_rule_gives_minutes_and_verdict_per_item_and_the_share_per_opd_and_week()
    {
        var report = await world.Editor.GetJsonAsync("/api/reports/two-hour-rule");
        Assert.Equal(120, report["targetMinutes"]!.GetValue<int>());
        var items = report["items"]!.AsArray().Select(i => i!).ToDictionary(i => i.Str("itemId"));
        Assert.Equal(7, items.Count);
        Assert.Equal(7, report["itemCount"]!.GetValue<int>());
        Assert.DoesNotContain(world.Items["P6"], items.Keys);
        Assert.Equal((30, true), Verdict(items[world.Items["P1"]]));
        Assert.Equal((180, false), Verdict(items[world.Items["P2"]]));
        Assert.Equal((120, true), Verdict(items[world.Items["P3"]]));
        Assert.Equal((null, false), Verdict(items[world.Items["P4"]]));
        Assert.Equal((null, null), Verdict(items[world.Items["P5"]]));
        Assert.Equal((null, false), Verdict(items[world.Items["P7"]]));
        Assert.Equal((null, false), Verdict(items[world.Items["P8"]]));

        var opds = report["opds"]!.AsArray().Select(o => o!).ToDictionary(o => o.Str("key"));
        Assert.Equal(S(3, 2, 1, 0, 0.6667), Share(opds["dinkes"]));
        Assert.Equal(S(3, 0, 2, 1, 0.0), Share(opds["dishub"]));
        Assert.Equal(S(1, 0, 1, 0, 0.0), Share(opds["disdik"]));

        // Weeks start on Monday in WITA: P5's event ended on Sunday in UTC but on Monday 2 November in Samarinda.
        var weeks = report["weeks"]!.AsArray().Select(w => (w!.Str("key"), Share(w!))).ToList();
        Assert.Equal(
            [("2026-10-12", S(1, 1, 0, 0, 1.0)), ("2026-10-19", S(1, 0, 1, 0, 0.0)), ("2026-10-26", S(4, 1, 3, 0, 0.25)), ("2026-11-02", S(1, 0, 0, 1, null))],
            weeks);
    }

    [Fact]
    public async Task The_two_hour_rule_as_csv_lists_the_items_by_default_and_the_shares_on_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/two-hour-rule");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await world.Editor.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("two-hour-rule-items-2026-10-03-2026-11-02.csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var items = CsvRows.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["itemId", "opd", "title", "eventEndedAt", "firstPublishedAt", "minutes", "met"], items.Header);
        var p3 = items.Single("itemId", world.Items["P3"]);
        Assert.Equal(("dinkes", "Kegiatan dinkes, \"liputan\" 30 Oct", "2026-10-30T22:00:00Z", "2026-10-31T00:00:00Z", "120", "true"),
            (p3["opd"], p3["title"], p3["eventEndedAt"], p3["firstPublishedAt"], p3["minutes"], p3["met"]));
        Assert.Equal(("", ""), (items.Single("itemId", world.Items["P5"])["minutes"], items.Single("itemId", world.Items["P5"])["met"]));

        var opds = await CsvAsync("/api/reports/two-hour-rule?format=csv&table=opds");
        Assert.Equal(["opd", "items", "met", "missed", "pending", "share"], opds.Header);
        Assert.Equal(["dinkes", "3", "2", "1", "0", "0.6667"], opds.Rows.Single(r => r[0] == "dinkes"));
        Assert.Equal(["dishub", "3", "0", "2", "1", "0"], opds.Rows.Single(r => r[0] == "dishub"));
        var weeks = await CsvAsync("/api/reports/two-hour-rule?format=csv&table=weeks");
        Assert.Equal(["2026-10-26", "4", "1", "3", "0", "0.25"], weeks.Rows.Single(r => r[0] == "2026-10-26"));
        Assert.Equal(["2026-11-02", "1", "0", "0", "1", ""], weeks.Rows.Single(r => r[0] == "2026-11-02"));
    }

    [Fact]
    public async Task Delivery_health_counts_outcomes_per_account_and_groups_failures_and_holds_by_reason_and_account()
    {
        var report = await world.Editor.GetJsonAsync("/api/reports/delivery-health");
        var accounts = report["accounts"]!.AsArray().Select(a => a!).ToDictionary(a => a.Str("accountId"));
        Assert.Equal((2, 2, 0, 0), Outcomes(accounts[world.DinkesFacebook]));
        Assert.Equal((1, 1, 0, 0), Outcomes(accounts[world.DinkesX]));
        Assert.Equal((2, 1, 0, 1), Outcomes(accounts[world.DishubFacebook]));
        Assert.Equal("needsReauth", accounts[world.DishubFacebook].Str("accountStatus"));
        Assert.Equal((1, 0, 1, 0), Outcomes(accounts[world.DisdikFacebook]));

        var failures = report["failures"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal(2, failures.Count);
        var held = Assert.Single(failures, f => f.Str("status") == "held");
        Assert.Equal(("Account needs re-authorisation", world.DishubFacebook, 1), (held.Str("reason"), held.Str("accountId"), held["deliveries"]!.GetValue<int>()));
        var failed = Assert.Single(failures, f => f.Str("status") == "failed");
        Assert.Equal("Facebook refused a parameter of the post", failed.Str("reason"));
        Assert.Contains("Invalid parameter: link", Assert.Single(report["deliveries"]!.AsArray(), d => d!.Str("status") == "failed")!.Str("error"), StringComparison.Ordinal);
        Assert.Equal(("disdik", 1), (failed.Str("opd"), failed["deliveries"]!.GetValue<int>()));
        Assert.Equal(2, report["deliveries"]!.AsArray().Count);

        var csv = await CsvAsync("/api/reports/delivery-health?format=csv");
        Assert.Equal(["status", "reason", "accountId", "accountName", "platform", "opd", "deliveries", "lastAt"], csv.Header);
        var heldRow = csv.Single("status", "held");
        Assert.Equal(("Account needs re-authorisation", world.DishubFacebook, "dishub", "1", "2026-11-01T00:00:00Z"),
            (heldRow["reason"], heldRow["accountId"], heldRow["opd"], heldRow["deliveries"], heldRow["lastAt"]));
        var perAccount = await CsvAsync("/api/reports/delivery-health?format=csv&table=accounts");
        var dishub = perAccount.Single("accountId", world.DishubFacebook);
        Assert.Equal(("needsReauth", "2", "1", "1"), (dishub["accountStatus"], dishub["deliveries"], dishub["published"], dishub["held"]));
    }

    [Fact]
    public async Task An_opd_admin_sees_only_their_own_opd_in_every_report_and_an_editor_can_pick_one()
    {
        var activity = await world.DinkesAdmin.GetJsonAsync("/api/reports/opd-activity?opd=dishub");
        Assert.Equal("dinkes", Assert.Single(activity["opds"]!.AsArray())!.Str("opd"));
        var rule = await world.DinkesAdmin.GetJsonAsync("/api/reports/two-hour-rule");
        Assert.All(rule["items"]!.AsArray(), i => Assert.Equal("dinkes", i!.Str("opd")));
        Assert.Equal("dinkes", Assert.Single(rule["opds"]!.AsArray())!.Str("key"));
        var health = await world.DinkesAdmin.GetJsonAsync("/api/reports/delivery-health");
        Assert.Equal(new[] { world.DinkesFacebook, world.DinkesX }.Order(), health["accounts"]!.AsArray().Select(a => a!.Str("accountId")).Order());
        Assert.Empty(health["failures"]!.AsArray());
        var csv = await CsvAsync("/api/reports/delivery-health?format=csv&table=accounts", world.DinkesAdmin);
        Assert.All(csv.Records, r => Assert.Equal("dinkes", r["opd"]));

        var picked = await world.Editor.GetJsonAsync("/api/reports/two-hour-rule?opd=dishub");
        Assert.All(picked["items"]!.AsArray(), i => Assert.Equal("dishub", i!.Str("opd")));
        Assert.Equal(3, picked["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/reports/opd-activity?from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("/api/reports/opd-activity?from=yesterday", "from")]
    [InlineData("/api/reports/two-hour-rule?to=2026-13-01", "to")]
    [InlineData("/api/reports/two-hour-rule?from=2020-01-01&to=2026-01-01", "to")]
    [InlineData("/api/reports/delivery-health?format=xlsx", "format")]
    [InlineData("/api/reports/delivery-health?format=csv&table=opds", "table")]
    public async Task A_bad_period_format_or_table_is_refused_with_the_field_named(string path, string field)
    {
        var (response, body) = await world.Editor.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }

    private async Task<CsvRows> CsvAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? world.Editor).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        return CsvRows.Parse(text);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    private static (int Last7, int Last30, int InPeriod) Counts(JsonNode node) =>
        (node["postsLast7Days"]!.GetValue<int>(), node["postsLast30Days"]!.GetValue<int>(), node["postsInPeriod"]!.GetValue<int>());

    private static (int? Minutes, bool? Met) Verdict(JsonNode item) =>
        (item["minutes"]?.GetValue<int>(), item["met"]?.GetValue<bool>());

    private static (int Items, int Met, int Missed, int Pending, double? Share) Share(JsonNode share) =>
        (share["items"]!.GetValue<int>(), share["met"]!.GetValue<int>(), share["missed"]!.GetValue<int>(), share["pending"]!.GetValue<int>(), share["share"]?.GetValue<double>());

    private static (int Items, int Met, int Missed, int Pending, double? Share) S(int items, int met, int missed, int pending, double? share) =>
        (items, met, missed, pending, share);

    private static (int Deliveries, int Published, int Failed, int Held) Outcomes(JsonNode account) =>
        (account["deliveries"]!.GetValue<int>(), account["published"]!.GetValue<int>(), account["failed"]!.GetValue<int>(), account["held"]!.GetValue<int>());
}
