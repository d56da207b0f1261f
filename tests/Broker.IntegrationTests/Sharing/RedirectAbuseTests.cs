using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Sharing;

/// <summary>The public redirect under abuse: junk codes cost no memory, a changed browser is not a new visitor.</summary>
public sealed class RedirectAbuseTests
{
    private const string Ani = "198703152010011002";

    [Fact]
    public async Task Junk_codes_are_never_cached_and_unknown_codes_stay_within_the_cache_byte_budget_while_known_codes_still_redirect()
    {
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Access:RedirectsPerMinute"] = "1000000";
            s["Sharing:UnknownCodeCacheBytes"] = "65536";
        });
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        var resolver = scenario.Broker.Services.GetRequiredService<LinkResolver>();
        using var visitor = scenario.ClientWith(null);

        // Too long, outside the alphabet, too short: refused before any look-up, so never remembered.
        await FollowAllAsync(visitor, 900, i => (i % 3) switch
        {
            0 => "A" + new string('x', 4000) + i,
            1 => "AAAAAAA-" + (i % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            _ => "abc" + i,
        });
        Assert.Equal(0, resolver.UnknownCodeBytes);

        // Well-formed codes nobody was given: looked up once and remembered, within the budget.
        await FollowAllAsync(visitor, 3000, i => $"Zz{i:D8}");
        Assert.InRange(resolver.UnknownCodeBytes, 1, 65536);

        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/s/{code}")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_user_agent_does_not_make_a_new_unique_visitor_but_another_address_does()
    {
        await using var scenario = await Scenario.StartAsync();
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var code = (await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}")).Str("code");
        using var first = scenario.Broker.ClientFrom(IPAddress.Parse("127.0.0.1"));
        using var second = scenario.Broker.ClientFrom(IPAddress.Parse("127.0.0.2"));

        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{code}");
            request.Headers.UserAgent.ParseAdd($"Mozilla/5.0 (Linux; Android 14) agent-{i}");
            using var response = await first.SendAsync(request);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Found, (await second.GetAsync($"/s/{code}")).StatusCode);

        var clicks = await Eventually.WaitAsync(() => scenario.Api.GetJsonAsync($"/api/items/{item}/clicks"), c => c["total"]!.GetValue<int>() == 201, "all 201 clicks");
        Assert.Equal(2, clicks["unique"]!.GetValue<int>());
        Assert.Equal(2, clicks["byAsn"]![0]!["unique"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_ipv6_visitor_is_one_visitor_within_its_64_network_and_an_ipv4_one_is_the_same_mapped_or_not()
    {
        using var visitors = new VisitorHash(new FixedSalt());
        await visitors.LoadAsync(CancellationToken.None);
        UInt128 Of(string address) => visitors.Of(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } });

        Assert.Equal(Of("2001:db8:1:2::1"), Of("2001:db8:1:2:ffff:ffff:ffff:9"));
        Assert.NotEqual(Of("2001:db8:1:2::1"), Of("2001:db8:1:3::1"));
        Assert.Equal(Of("192.0.2.7"), Of("::ffff:192.0.2.7"));
        Assert.NotEqual(Of("192.0.2.7"), Of("192.0.2.8"));
    }

    private static async Task FollowAllAsync(HttpClient visitor, int count, Func<int, string> code)
    {
        for (var start = 0; start < count; start += 16)
        {
            var batch = Enumerable.Range(start, Math.Min(16, count - start)).Select(async i =>
            {
                using var response = await visitor.GetAsync("/s/" + Uri.EscapeDataString(code(i)));
                return response.StatusCode;
            });
            Assert.All(await Task.WhenAll(batch), status => Assert.Equal(HttpStatusCode.NotFound, status));
        }
    }

    private sealed class FixedSalt : IInstallationSecrets
    {
        public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken) => Task.FromResult(new byte[length]);
    }
}
