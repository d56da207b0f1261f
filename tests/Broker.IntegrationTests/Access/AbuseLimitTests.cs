using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Access;

public sealed class AbuseLimitTests
{
    [Fact]
    public async Task An_address_that_keeps_sending_wrong_tokens_gets_429_even_with_a_right_one()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:FailedTokensPerMinute"] = "5");
        using var guesser = scenario.ClientWith("brk_guess");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        }

        var (blocked, body) = await guesser.SendAsync(HttpMethod.Get, "/api/items");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter);
        Assert.Contains("refused tokens", body!.Str("detail"), StringComparison.Ordinal);

        // A right token from the same address is not even looked at until the window passes.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await scenario.Api.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:SignInsPerMinute"] = "3");
        var (_, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var browser = scenario.ClientWith(null);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/sessions", new { token })).Response.StatusCode);
        }

        var (response, body) = await browser.PostAsync("/api/sessions", new { token });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("Too many requests", body!.Str("title"));
    }

    [Fact]
    public async Task A_user_sending_too_many_requests_gets_429_and_other_users_are_not_affected()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:RequestsPerMinute"] = "20");
        var (_, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var rina = scenario.ClientWith(token);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            statuses.Add((await rina.SendAsync(HttpMethod.Get, "/api/opds")).Response.StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.SendAsync(HttpMethod.Get, "/api/opds")).Response.StatusCode);
    }

    [Fact]
    public async Task A_json_body_over_the_size_limit_is_refused_with_413_and_nothing_is_stored()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:MaxRequestBodyBytes"] = "65536");
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var body = new string('a', 70_000);
        var (response, problem) = await scenario.Api.PostAsync("/api/items", new { opd = "diskominfo", title = "Besar", body, accountIds = new[] { facebook } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(problem?["detail"] is not null, $"{response.Content.Headers.ContentType} {problem}");
        Assert.Empty((await scenario.Api.GetJsonAsync("/api/items")).AsArray());
    }

    [Fact]
    public async Task A_photo_may_be_larger_than_the_json_limit_but_not_larger_than_the_upload_limit()
    {
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Access:MaxRequestBodyBytes"] = "65536";
            s["Broker:MaxUploadBytes"] = "400000";
        });
        // A real JPEG with 100 kB of padding after its end marker, as cameras leave trailing data.
        byte[] photo = [.. Broker.Sandbox.Control.SampleImages.Jpeg(1600, 1200), .. new byte[100_000]];
        Assert.InRange(photo.Length, 65_537, 400_000);
        await scenario.UploadPhotoAsync(photo);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[600_000]), "file", "huge.jpg" } };
        var response = await scenario.Api.PostAsync("/api/media", form);
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
    }
}
