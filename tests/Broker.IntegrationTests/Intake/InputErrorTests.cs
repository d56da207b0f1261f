using Broker.Sandbox.Control;
using System.Net.Http.Headers;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Intake;

/// <summary>
/// Every kind of bad input gets a 400/404/409 that names the problem, and nothing is stored. One broker for the class:
/// each test's OPD and account ids are its own, and "nothing is stored" is the count before and after (a class's tests
/// run one at a time).
/// </summary>
public sealed class InputErrorTests(SharedScenario shared) : IClassFixture<SharedScenario>
{
    private Scenario Scenario => shared.Scenario;

    private async Task<int> CountAsync(string path) => (await Scenario.Api.GetJsonAsync(path)).AsArray().Count;

    [Fact]
    public async Task An_item_with_every_field_wrong_gets_a_message_per_field_and_is_not_stored()
    {
        await Scenario.CreateOpdAsync(shared.Unique("diskominfo"));
        var items = await CountAsync("/api/items");
        var problem = await Scenario.Api.PostExpectAsync("/api/items", new
        {
            opd = "no-such-opd",
            title = "",
            body = new string('x', 100_001),
            link = "javascript:alert(1)",
            mediaIds = new[] { "missing-photo" },
            accountIds = Array.Empty<string>(),
            publishAt = TimeProvider.System.GetUtcNow().AddDays(-1),
        }, 400);

        var errors = problem["errors"]!.AsObject();
        Assert.Contains("no-such-opd", errors["opd"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("required", errors["title"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("100001", errors["body"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["link"]);
        Assert.Contains("missing-photo", errors["mediaIds"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(errors["accountIds"]);
        Assert.NotNull(errors["publishAt"]);
        Assert.Equal(items, await CountAsync("/api/items"));
    }

    [Fact]
    public async Task Unknown_accounts_and_duplicates_are_named()
    {
        var opd = await Scenario.CreateOpdAsync(shared.Unique("diskominfo"));
        var fb = await Scenario.CreateAccountAsync(opd, "facebook", shared.UniqueNip("10000"));
        var problem = await Scenario.Api.PostExpectAsync("/api/items", new { opd, title = "t", body = "b", accountIds = new[] { fb, fb, "ghost" } }, 400);
        var messages = problem["errors"]!["accountIds"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("ghost", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"opd\": \"diskominfo\", \"title\": ", "not valid")]
    [InlineData("{\"opd\": \"diskominfo\", \"title\": \"t\", \"body\": \"b\", \"accountIds\": [], \"colour\": \"red\"}", "colour")]
    [InlineData("{\"opd\": \"diskominfo\", \"title\": 42}", "title")]
    [InlineData("{\"opd\": \"diskominfo\", \"title\": \"t\", \"publishAt\": \"next tuesday\"}", "publishAt")]
    public async Task Malformed_json_unknown_fields_and_wrong_types_get_a_400_naming_the_problem(string json, string named)
    {
        var opd = await Scenario.CreateOpdAsync(shared.Unique("diskominfo"));
        var items = await CountAsync("/api/items");
        var problem = await Scenario.Api.PostExpectAsync("/api/items", json.Replace("\"diskominfo\"", $"\"{opd}\"", StringComparison.Ordinal), 400);
        Assert.Contains(named, problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(items, await CountAsync("/api/items"));
    }

    [Fact]
    public async Task An_unknown_platform_and_incomplete_x_credentials_are_refused()
    {
        var opd = await Scenario.CreateOpdAsync(shared.Unique("diskominfo"));
        var accounts = await CountAsync("/api/accounts");
        var unknown = await Scenario.Api.PostExpectAsync("/api/accounts", new { opd, platform = "myspace", name = "n", externalId = "1", credentials = new { accessToken = "t" } }, 400);
        var platformMessage = unknown["errors"]!["platform"]![0]!.GetValue<string>();
        Assert.Contains("myspace", platformMessage, StringComparison.Ordinal);
        Assert.Contains("facebook", platformMessage, StringComparison.Ordinal);

        var partial = await Scenario.Api.PostExpectAsync("/api/accounts", new { opd, platform = "x", name = "n", externalId = "1", credentials = new { consumerKey = "k" } }, 400);
        Assert.NotNull(partial["errors"]!["credentials"]);

        var noOpd = await Scenario.Api.PostExpectAsync("/api/accounts", new { opd = "ghost", platform = "facebook", name = "n", externalId = "1", credentials = new { accessToken = "t" } }, 400);
        Assert.NotNull(noOpd["errors"]!["opd"]);
        Assert.Equal(accounts, await CountAsync("/api/accounts"));
    }

    [Fact]
    public async Task Credentials_are_never_echoed_back()
    {
        var opd = await Scenario.CreateOpdAsync(shared.Unique("diskominfo"));
        var (response, body) = await Scenario.Api.PostAsync("/api/accounts", new { opd, platform = "facebook", name = "Pemkot", externalId = shared.UniqueNip("10000"), credentials = new { accessToken = "EAAB-secret-page-token" } });
        Assert.Equal(201, (int)response.StatusCode);
        Assert.DoesNotContain("EAAB-secret-page-token", body!.ToJsonString(), StringComparison.Ordinal);
        var listed = await Scenario.Api.GetJsonAsync("/api/accounts");
        Assert.DoesNotContain("EAAB-secret-page-token", listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("EAAB-secret-page-token", await Scenario.Broker.StoredTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_opd_code_answers_409_and_a_bad_code_400()
    {
        var opds = await CountAsync("/api/opds");
        var code = await Scenario.CreateOpdAsync(shared.Unique("dinkes"), "Dinas Kesehatan");
        var duplicate = await Scenario.Api.PostExpectAsync("/api/opds", new { code, name = "Other" }, 409);
        Assert.Contains(code, duplicate.Str("detail"), StringComparison.Ordinal);
        var bad = await Scenario.Api.PostExpectAsync("/api/opds", new { code = "Dinas Kesehatan!", name = "" }, 400);
        Assert.NotNull(bad["errors"]!["code"]);
        Assert.NotNull(bad["errors"]!["name"]);
        var all = (await Scenario.Api.GetJsonAsync("/api/opds")).AsArray();
        Assert.Equal(opds + 1, all.Count);
        Assert.Equal("Dinas Kesehatan", Assert.Single(all, o => o!.Str("code") == code)!.Str("name"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_from_its_bytes_whatever_its_name()
    {
        using var form = new MultipartFormDataContent();
        var fake = new ByteArrayContent("GIF89a not really a jpeg"u8.ToArray());
        fake.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(fake, "file", "photo.jpg");
        var response = await Scenario.Api.PostAsync("/api/media", form);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not a JPEG or PNG", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notMultipart = await Scenario.Api.PostExpectAsync("/api/media", new { file = "x" }, 400);
        Assert.NotNull(notMultipart["errors"]!["file"]);
    }

    [Fact]
    public async Task A_png_is_accepted_with_its_dimensions()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(SampleImages.Png(640, 480)), "file", "chart.bin");
        var response = await Scenario.Api.PostAsync("/api/media", form);
        Assert.Equal(201, (int)response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("image/png", body.Str("contentType"));
        Assert.Equal(640, body["width"]!.GetValue<int>());
        Assert.Equal(480, body["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listing_items_by_an_unknown_status_is_a_400()
    {
        var (response, body) = await Scenario.Api.SendAsync(HttpMethod.Get, "/api/items?status=lost");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("lost", body!["errors"]!["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
