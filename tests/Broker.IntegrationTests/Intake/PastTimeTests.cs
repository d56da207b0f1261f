using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// Every time a person gives for something to happen (publishAt at submit, edit and approval, wishedAt, until) is refused
/// when it has passed, beyond a small configurable grace, with a 400 naming the field and saying what now is.
/// </summary>
public sealed class PastTimeTests
{
    /// <summary>Thursday 24 December 2026, 08:00 WITA.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 24, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The one-year typo of the finding: 24 December 2025, 07:00 WITA.</summary>
    private static readonly DateTimeOffset YearTypo = new(2025, 12, 23, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_publish_time_a_year_in_the_past_is_refused_at_submit_and_at_edit_naming_the_field_and_now()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();

        var submitted = await scenario.Api.PostExpectAsync("/api/items", Item(facebook, YearTypo), 400);
        AssertPassed(submitted, "publishAt");
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());

        var id = await scenario.SubmitItemAsync("diskominfo", [facebook], publishAt: Now.AddHours(2));
        var (edited, body) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", Item(facebook, YearTypo));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        AssertPassed(body!, "publishAt");
        Assert.Equal(Now.AddHours(2), (await scenario.ItemAsync(id))["publishAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Approving_with_a_publish_time_in_the_past_is_refused_and_nothing_is_scheduled_or_published()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook]);

        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { publishAt = YearTypo }, 400);

        AssertPassed(refused, "publishAt");
        var item = await scenario.ItemAsync(id);
        Assert.Equal("submitted", item.Str("status"));
        Assert.Empty(item["deliveries"]!.AsArray());
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task A_publish_time_within_the_configured_grace_is_taken_as_now_and_one_beyond_it_is_refused()
    {
        var clock = new FakeTimeProvider(Now);
        await using var scenario = await Scenario.StartAsync(clock, s => s["Delivery:PastTimeGrace"] = "00:30:00");
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var late = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        var typedAWhileAgo = await scenario.SubmitItemAsync("diskominfo", [facebook], title: "Pengumuman kedua");

        var refused = await scenario.Api.PostExpectAsync($"/api/items/{late}/approve", new { publishAt = Now.AddMinutes(-31) }, 400);
        AssertPassed(refused, "publishAt");
        await scenario.Api.PostExpectAsync($"/api/items/{typedAWhileAgo}/approve", new { publishAt = Now.AddMinutes(-29) }, 200);
        await scenario.WaitForItemStatusAsync(typedAWhileAgo, "published");
    }

    [Fact]
    public async Task An_amplification_wished_time_in_the_past_is_refused_naming_the_field_and_now()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");

        var refused = await scenario.Api.PostExpectAsync("/api/amplification-requests", new
        {
            opd = "dinkes",
            url = "https://dinkes.example.go.id/berita/vaksinasi",
            note = "Mohon disebarkan.",
            accountIds = new[] { facebook },
            wishedAt = YearTypo,
        }, 400);

        AssertPassed(refused, "wishedAt");
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/amplification-requests")).AsArray());
    }

    [Fact]
    public async Task Sharing_until_a_time_that_has_passed_is_refused_when_opening_and_when_approving()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook], publishAt: Now.AddHours(1));

        var atApproval = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { share = new { until = YearTypo } }, 400);
        AssertPassed(atApproval, "until");
        Assert.Equal("submitted", (await scenario.ItemAsync(id)).Str("status"));

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var opening = await scenario.Api.PostExpectAsync($"/api/items/{id}/sharing", new { until = Now.AddMinutes(-1) }, 400);
        AssertPassed(opening, "until");
        Assert.Null((await scenario.ItemAsync(id))["sharedAt"]);
    }

    [Theory]
    [InlineData("publishAt", "9999-12-31T23:59:59+00:00")]
    [InlineData("eventEndedAt", "0001-01-01T00:00:00+00:00")]
    [InlineData("eventEndedAt", "9999-12-31T23:59:59+00:00")]
    public async Task A_time_outside_the_supported_years_is_refused_naming_the_field(string field, string value)
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = new JsonObject
        {
            ["opd"] = "diskominfo",
            ["title"] = "Pengumuman",
            ["body"] = "Isi pengumuman.",
            ["accountIds"] = new JsonArray(facebook),
            [field] = value,
        };

        var refused = await scenario.Api.PostExpectAsync("/api/items", item.ToJsonString(), 400);

        Assert.Contains("2000-01-01 to 2100-12-31", refused["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_ends_after_submission_is_accepted_because_posts_are_prepared_ahead()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await scenario.Api.PostExpectAsync("/api/items", new
        {
            opd = "diskominfo",
            title = "Upacara",
            body = "Upacara hari ini.",
            accountIds = new[] { facebook },
            eventEndedAt = Now.AddHours(3),
            publishAt = Now.AddHours(4),
        }, 201);
        Assert.Equal(Now.AddHours(3), item["eventEndedAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task The_review_page_refuses_a_past_publish_time_in_indonesian_keeping_what_the_editor_typed()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var id = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var answer = await editor.PostFormAsync($"/tinjau/{id}", $"/tinjau/{id}?handler=Approve", new() { ["publishAt"] = "2025-12-24T07:00" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("Waktu 24 Des 2025 07.00 WITA sudah lewat; sekarang 24 Des 2026 08.00 WITA.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2025-12-24T07:00\"", html, StringComparison.Ordinal);
        Assert.Equal("submitted", (await scenario.ItemAsync(id)).Str("status"));
        Assert.Empty((await scenario.ItemAsync(id))["deliveries"]!.AsArray());
    }

    [Fact]
    public async Task The_submit_page_refuses_a_past_publish_time_in_indonesian_keeping_what_was_typed()
    {
        await using var scenario = await Scenario.StartAsync(new FakeTimeProvider(Now));
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        using var editor = await PageSession.SignInAsync(scenario, BrokerHost.AdminToken);

        var answer = await editor.PostFormAsync("/kirim", "/kirim", new()
        {
            ["Form.Opd"] = "diskominfo",
            ["Form.Title"] = "Pengumuman",
            ["Form.Body"] = "Isi pengumuman.",
            ["Form.AccountIds"] = facebook,
            ["Form.PublishAt"] = "2025-12-24T07:00",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Contains("Waktu 24 Des 2025 07.00 WITA sudah lewat; sekarang 24 Des 2026 08.00 WITA.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("has already passed", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2025-12-24T07:00\"", html, StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());
    }

    private static object Item(string account, DateTimeOffset publishAt) =>
        new { opd = "diskominfo", title = "Pengumuman", body = "Isi pengumuman.", accountIds = new[] { account }, publishAt };

    private static void AssertPassed(JsonNode problem, string field)
    {
        var message = problem["errors"]![field]![0]!.GetValue<string>();
        Assert.Contains("has already passed", message, StringComparison.Ordinal);
        Assert.Contains("it is now 2026-12-24 00:00:00Z", message, StringComparison.Ordinal);
    }
}
