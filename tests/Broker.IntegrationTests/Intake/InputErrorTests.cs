using Broker.Sandbox.Control;
using System.Net.Http.Headers;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Intake;

/// <summary>Every kind of bad input gets a 400/404/409 that names the problem, and nothing is stored.</summary>
public sealed class InputErrorTests
{
    [Fact]
    public async Task An_item_with_every_field_wrong_gets_a_message_per_field_and_is_not_stored()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var problem = await scenario.Api.PostExpectAsync("/api/items", new
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
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());
    }

    [Fact]
    public async Task Unknown_accounts_and_duplicates_are_named()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var problem = await scenario.Api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "t", body = "b", accountIds = new[] { fb, fb, "ghost" } }, 400);
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
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var problem = await scenario.Api.PostExpectAsync("/api/items", json, 400);
        Assert.Contains(named, problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());
    }

    [Fact]
    public async Task An_unknown_platform_and_incomplete_x_credentials_are_refused()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var unknown = await scenario.Api.PostExpectAsync("/api/accounts", new { opd = "diskominfo", platform = "myspace", name = "n", externalId = "1", credentials = new { accessToken = "t" } }, 400);
        var platformMessage = unknown["errors"]!["platform"]![0]!.GetValue<string>();
        Assert.Contains("myspace", platformMessage, StringComparison.Ordinal);
        Assert.Contains("facebook", platformMessage, StringComparison.Ordinal);

        var partial = await scenario.Api.PostExpectAsync("/api/accounts", new { opd = "diskominfo", platform = "x", name = "n", externalId = "1", credentials = new { consumerKey = "k" } }, 400);
        Assert.NotNull(partial["errors"]!["credentials"]);

        var noOpd = await scenario.Api.PostExpectAsync("/api/accounts", new { opd = "ghost", platform = "facebook", name = "n", externalId = "1", credentials = new { accessToken = "t" } }, 400);
        Assert.NotNull(noOpd["errors"]!["opd"]);
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/accounts")).AsArray());
    }

    [Fact]
    public async Task Credentials_are_never_echoed_back()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var (response, body) = await scenario.Api.PostAsync("/api/accounts", new { opd = "diskominfo", platform = "facebook", name = "Pemkot", externalId = "1000001", credentials = new { accessToken = "EAAB-secret-page-token" } });
        Assert.Equal(201, (int)response.StatusCode);
        Assert.DoesNotContain("EAAB-secret-page-token", body!.ToJsonString(), StringComparison.Ordinal);
        var listed = await scenario.Api.GetJsonAsync("/api/accounts");
        Assert.DoesNotContain("EAAB-secret-page-token", listed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("EAAB-secret-page-token", await scenario.Broker.StoredTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_opd_code_answers_409_and_a_bad_code_400()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var duplicate = await scenario.Api.PostExpectAsync("/api/opds", new { code = "dinkes", name = "Other" }, 409);
        Assert.Contains("dinkes", duplicate.Str("detail"), StringComparison.Ordinal);
        var bad = await scenario.Api.PostExpectAsync("/api/opds", new { code = "Dinas Kesehatan!", name = "" }, 400);
        Assert.NotNull(bad["errors"]!["code"]);
        Assert.NotNull(bad["errors"]!["name"]);
        var all = await scenario.Api.GetJsonAsync("/api/opds");
        Assert.Equal("Dinas Kesehatan", Assert.Single(all.AsArray())!.Str("name"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_photo_is_refused_from_its_bytes_whatever_its_name()
    {
        await using var scenario = await Scenario.StartAsync();
        using var form = new MultipartFormDataContent();
        var fake = new ByteArrayContent("GIF89a not really a jpeg"u8.ToArray());
        fake.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(fake, "file", "photo.jpg");
        var response = await scenario.Api.PostAsync("/api/media", form);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not a JPEG or PNG", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notMultipart = await scenario.Api.PostExpectAsync("/api/media", new { file = "x" }, 400);
        Assert.NotNull(notMultipart["errors"]!["file"]);
    }

    [Fact]
    public async Task A_png_is_accepted_with_its_dimensions()
    {
        await using var scenario = await Scenario.StartAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(SampleImages.Png(640, 480)), "file", "chart.bin");
        var response = await scenario.Api.PostAsync("/api/media", form);
        Assert.Equal(201, (int)response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("image/png", body.Str("contentType"));
        Assert.Equal(640, body["width"]!.GetValue<int>());
        Assert.Equal(480, body["height"]!.GetValue<int>());
    }

    [Fact]
    public async Task Listing_items_by_an_unknown_status_is_a_400()
    {
        await using var scenario = await Scenario.StartAsync();
        var (response, body) = await scenario.Api.SendAsync(HttpMethod.Get, "/api/items?status=lost");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("lost", body!["errors"]!["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
