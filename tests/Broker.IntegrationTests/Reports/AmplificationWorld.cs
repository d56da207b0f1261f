using System.Globalization;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Reports;

/// <summary>
/// Share links and clicks with known answers on a fake clock that ends at <see cref="T0"/> (Monday 2 November 2026,
/// 08:00 WITA). One item of Diskominfo's is open for sharing; three ASN share it: Ani and Budi of dinkes, Citra of dishub.
/// Visitors A, B and C are told apart by their addresses (127.0.0.11, .12 and .13).
/// <code>
/// when      what
/// T0-35d    Ani's link made; A clicks it twice                 (before the default 30 days)
/// T0-10d    Budi's and Citra's links made; A clicks Ani's 3 times, B once
/// T0-5d     C clicks Budi's once
/// T0-3d     A clicks Citra's twice
/// </code>
/// In the 30 days up to T0: 2 links, 7 clicks, 4 unique visitors (counted per day and summed: A came on two days); Ani
/// 4 clicks (2 unique), Citra 2 (1), Budi 1 (1); dinkes 5 clicks (3 unique, 1 link), dishub 2 clicks (1 unique, 1 link).
/// </summary>
public sealed class AmplificationWorld : IAsyncLifetime
{
    public const string Ani = "198703152010011002";
    public const string Budi = "198703152010011003";
    public const string Citra = "198703152010011009";

    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-02T00:00:00Z", CultureInfo.InvariantCulture);

    public FakeTimeProvider Clock { get; } = new(T0.AddDays(-35));

    public Scenario Scenario { get; private set; } = null!;

    public HttpClient Editor => Scenario.Api;

    /// <summary>An OPD admin of dishub.</summary>
    public HttpClient DishubAdmin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scenario = await Infrastructure.Scenario.StartAsync(Clock);
        var (facebook, _, _) = await Scenario.CreateCentralAccountsAsync();
        await Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await Scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await Editor.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
        await Editor.PostExpectAsync("/api/asn", new { nip = Budi, name = "Budi", opd = "dinkes" }, 201);
        await Editor.PostExpectAsync("/api/asn", new { nip = Citra, name = "Citra", opd = "dishub" }, 201);
        DishubAdmin = Scenario.ClientWith((await Scenario.CreateUserAsync("Dedi (admin dishub)", "opdAdmin", "dishub")).Token);

        var item = await Scenario.SubmitItemAsync("diskominfo", [facebook], publishAt: T0.AddDays(30));
        await Editor.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await Editor.PostExpectAsync($"/api/items/{item}/sharing", new { }, 200);
        var ani = await LinkAsync(item, Ani);
        await ClickAsync(ani, "A", 2);

        Clock.Advance(TimeSpan.FromDays(25));
        var budi = await LinkAsync(item, Budi);
        var citra = await LinkAsync(item, Citra);
        await ClickAsync(ani, "A", 3);
        await ClickAsync(ani, "B", 1);

        Clock.Advance(TimeSpan.FromDays(5));
        await ClickAsync(budi, "C", 1);

        Clock.Advance(TimeSpan.FromDays(2));
        await ClickAsync(citra, "A", 2);

        Clock.Advance(T0 - Clock.GetUtcNow());
        await Eventually.WaitAsync(
            () => Editor.GetJsonAsync("/api/reports/amplification?from=2026-01-01"), r => r["totals"]!["clicks"]!.GetValue<int>() == 9, "all nine clicks to be written");
    }

    public async Task DisposeAsync()
    {
        DishubAdmin.Dispose();
        await Scenario.DisposeAsync();
    }

    private async Task<string> LinkAsync(string item, string nip) =>
        (await Editor.GetJsonAsync($"/api/items/{item}/share-link?asn={nip}")).Str("code");

    private int clicked;

    /// <summary>
    /// Clicks, and waits until the click writer has stored them: a day's click figures are computed once, when the day
    /// ended <c>Reports:ClickFiguresAfter</c> ago, and the clock moves on by days right after.
    /// </summary>
    private async Task ClickAsync(string code, string visitor, int times)
    {
        using var browser = Scenario.Broker.ClientFrom(System.Net.IPAddress.Parse($"127.0.0.{11 + visitor[0] - 'A'}"));
        for (var i = 0; i < times; i++)
        {
            using var response = await browser.GetAsync($"/s/{code}");
            Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
        }

        clicked += times;
        var period = string.Create(CultureInfo.InvariantCulture, $"from=2026-01-01&to={Clock.GetUtcNow().AddDays(1):yyyy-MM-dd}");
        await Eventually.WaitAsync(
            () => Editor.GetJsonAsync($"/api/reports/amplification?{period}"), r => r["totals"]!["clicks"]!.GetValue<int>() == clicked, $"{clicked} clicks to be written");
    }
}
