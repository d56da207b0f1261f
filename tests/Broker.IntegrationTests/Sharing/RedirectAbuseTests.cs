using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sharing;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Sharing;

/// <summary>The public redirect under abuse: junk codes cost no memory.</summary>
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
}
