using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Access;

public sealed class AbuseLimitTests
{
    [Fact]
    public async Task Bad_tokens_past_the_limit_get_429_but_a_valid_token_from_the_same_address_still_gets_200()
    {
        await using var scenario = await Scenario.StartAsync();
        using var guesser = scenario.ClientWith("brk_guess");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await guesser.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        }

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statuses.Skip(30).Count(s => s == HttpStatusCode.TooManyRequests));
        var (blocked, body) = await guesser.SendAsync(HttpMethod.Get, "/api/items");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter);
        Assert.Contains("refused tokens", body!.Str("detail"), StringComparison.Ordinal);

        // Someone else in the same office (the same address) is not refused for the guesser's failures.
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
    }

    [Fact]
    public async Task Bad_sign_ins_past_the_limit_get_429_but_a_valid_token_from_the_same_address_still_signs_in()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Access:SignInsPerMinute"] = "1000");
        var (_, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var browser = scenario.ClientWith(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await browser.PostAsync("/api/sessions", new { token = "brk_guess" })).Response.StatusCode);
        }

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statuses.Skip(30).Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/sessions", new { token })).Response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_failures_are_counted_per_forwarded_address()
    {
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Access:FailedTokensPerMinute"] = "5";
            s["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        });
        using var guesser = scenario.ClientWith("brk_guess");
        guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var colleague = scenario.ClientWith("brk_typo");
        colleague.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await colleague.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_an_ipv6_client_is_counted_by_its_64_network()
    {
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Access:FailedTokensPerMinute"] = "5";
            s["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
        });
        for (var i = 1; i <= 5; i++)
        {
            using var hopper = scenario.ClientWith("brk_guess");
            hopper.DefaultRequestHeaders.Add("X-Forwarded-For", $"2001:db8:1:2::{i:x}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await hopper.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        }

        using var sameNetwork = scenario.ClientWith("brk_guess");
        sameNetwork.DefaultRequestHeaders.Add("X-Forwarded-For", "2001:db8:1:2:ffff::1");
        using var otherNetwork = scenario.ClientWith("brk_guess");
        otherNetwork.DefaultRequestHeaders.Add("X-Forwarded-For", "2001:db8:1:3::1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await sameNetwork.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherNetwork.SendAsync(HttpMethod.Get, "/api/items")).Response.StatusCode);
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
