using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Access;

public sealed class SignInTests
{
    [Fact]
    public async Task A_token_signs_in_with_a_cookie_that_stops_working_when_the_user_is_revoked()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, token) = await scenario.CreateUserAsync("Sari", "opdAdmin", await scenario.CreateOpdAsync("dinkes"));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = scenario.Broker.BaseUrl };

        var signedIn = await browser.PostExpectAsync("/api/sessions", new { token }, 200);
        Assert.Equal("opdAdmin", signedIn.Str("role"));
        Assert.Equal("dinkes", signedIn.Str("opd"));
        Assert.Equal("Sari", (await browser.GetJsonAsync("/api/users/me")).Str("name"));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(HttpMethod.Get, "/api/audit")).Response.StatusCode);

        await scenario.Api.PostExpectAsync($"/api/users/{id}/revoke", null, 200);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_ends_when_its_token_is_rotated_and_the_new_token_signs_in_again()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = scenario.Broker.BaseUrl };
        await browser.PostExpectAsync("/api/sessions", new { token }, 200);
        Assert.Equal("Rina", (await browser.GetJsonAsync("/api/users/me")).Str("name"));

        var rotated = await scenario.Api.PostExpectAsync($"/api/users/{id}/token", new { }, 200);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);
        await browser.PostExpectAsync("/api/sessions", new { token = rotated.Str("token") }, 200);
        Assert.Equal("Rina", (await browser.GetJsonAsync("/api/users/me")).Str("name"));
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_session()
    {
        await using var scenario = await Scenario.StartAsync();
        var (_, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = scenario.Broker.BaseUrl };
        await browser.PostExpectAsync("/api/sessions", new { token }, 200);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Delete, "/api/sessions")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);
    }

    [Theory]
    [InlineData("brk_unknown")]
    [InlineData("")]
    public async Task A_wrong_token_does_not_sign_in_and_says_why(string token)
    {
        await using var scenario = await Scenario.StartAsync();
        using var browser = scenario.ClientWith(null);
        var (response, body) = await browser.PostAsync("/api/sessions", new { token });
        Assert.Equal(token.Length == 0 ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.NotNull(body);
    }

    [Fact]
    public async Task The_admin_token_creates_the_first_editor_only_on_an_empty_database()
    {
        await using var scenario = await Scenario.StartAsync();
        var users = await scenario.Api.GetJsonAsync("/api/users");
        var admin = Assert.Single(users.AsArray());
        Assert.Equal("editor", admin!.Str("role"));
        Assert.Equal("admin", admin!.Str("name"));
        await scenario.CreateUserAsync("Rina", "reporter");

        await scenario.Broker.RestartAsync();

        var after = await scenario.Api.GetJsonAsync("/api/users");
        Assert.Equal(2, after.AsArray().Count);
        Assert.Single(after.AsArray(), u => u!.Str("role") == "editor");
    }

    [Fact]
    public async Task Without_an_admin_token_the_first_editors_token_is_written_to_an_owner_only_file_not_the_log()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["BROKER_ADMIN_TOKEN"] = "");
        var file = Path.Combine(scenario.Broker.Folder, "first-editor-token");
        var token = (await File.ReadAllTextAsync(file)).Trim();

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var admin = scenario.ClientWith(token);
        Assert.Equal("editor", (await admin.GetJsonAsync("/api/users/me")).Str("role"));
        Assert.DoesNotContain(scenario.Broker.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
        Assert.Contains(scenario.Broker.Logs.Lines, line => line.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_the_reason()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        var (_, token) = await scenario.CreateUserAsync("Eko", "reporter", expiresAt: clock.GetUtcNow().AddDays(1));
        using var eko = scenario.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await eko.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);

        clock.Advance(TimeSpan.FromDays(1));

        var (response, body) = await eko.SendAsync(HttpMethod.Get, "/api/users/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", body!.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_token_replaces_the_old_one_at_once()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, old) = await scenario.CreateUserAsync("Rina", "reporter");
        var rotated = await scenario.Api.PostExpectAsync($"/api/users/{id}/token", null, 200);

        using var withOld = scenario.ClientWith(old);
        using var withNew = scenario.ClientWith(rotated.Str("token"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await withOld.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withNew.SendAsync(HttpMethod.Get, "/api/users/me")).Response.StatusCode);
    }

    [Fact]
    public async Task The_last_active_editor_cannot_be_revoked()
    {
        await using var scenario = await Scenario.StartAsync();
        var me = await scenario.Api.GetJsonAsync("/api/users/me");
        var (response, _) = await scenario.Api.PostAsync($"/api/users/{me.Str("id")}/revoke");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"Ani\",\"role\":\"asn\"}", "asnNip")]
    [InlineData("{\"name\":\"Ani\",\"role\":\"asn\",\"asnNip\":\"12345\"}", "asnNip")]
    [InlineData("{\"name\":\"Sari\",\"role\":\"opdAdmin\"}", "opd")]
    [InlineData("{\"name\":\"Sari\",\"role\":\"opdAdmin\",\"opd\":\"nowhere\"}", "opd")]
    [InlineData("{\"name\":\"Sari\",\"role\":\"boss\"}", "role")]
    [InlineData("{\"name\":\"Rina\",\"role\":\"reporter\",\"opd\":\"dinkes\"}", "opd")]
    public async Task A_user_is_refused_with_the_field_named_when_its_role_and_binding_do_not_fit(string json, string field)
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync("dinkes");
        var (response, body) = await scenario.Api.PostAsync("/api/users", json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body!["errors"]![field]);
    }
}
