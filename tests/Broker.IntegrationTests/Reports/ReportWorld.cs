using System.Globalization;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Reports;

/// <summary>
/// A month of publishing with known answers, built through the real pipeline on a fake clock that ends at
/// <see cref="T0"/> (Monday 2 November 2026, 08:00 WITA). Three OPDs: dinkes posts regularly (Facebook and X),
/// dishub last posted ten days ago and its Facebook token was then revoked, disdik never managed to post.
/// <code>
/// item  opd       event ended       published         two-hour rule
/// P1    dinkes    T0-20d-30m        T0-20d (FB + X)   met (30 min)
/// P2    dishub    T0-10d-3h         T0-10d (FB)       missed (180 min)
/// P7    disdik    T0-5d-1h          failed (FB)       missed
/// P3    dinkes    T0-2d-2h          T0-2d (FB)        met (120 min, the limit)
/// P8    dishub    T0-1d-30m         held: reauth      missed
/// P4    dinkes    T0-1d             never approved    missed
/// P6    dinkes    T0-3d             rejected          not counted
/// P5    dishub    T0-1h             submitted         pending
/// </code>
/// </summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-02T00:00:00Z", CultureInfo.InvariantCulture);

    public FakeTimeProvider Clock { get; } = new(T0.AddDays(-21));

    public Scenario Scenario { get; private set; } = null!;

    public HttpClient Editor => Scenario.Api;

    /// <summary>An OPD admin of dinkes.</summary>
    public HttpClient DinkesAdmin { get; private set; } = null!;

    public Dictionary<string, string> Items { get; } = [];

    public string DinkesFacebook { get; private set; } = "";

    public string DinkesX { get; private set; } = "";

    public string DishubFacebook { get; private set; } = "";

    public string DisdikFacebook { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Scenario = await Infrastructure.Scenario.StartAsync(Clock);
        await Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        await Scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
        await Scenario.CreateOpdAsync("disdik", "Dinas Pendidikan");
        DinkesFacebook = await Scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        DinkesX = await Scenario.CreateAccountAsync("dinkes", "x", "2000002");
        DishubFacebook = await Scenario.CreateAccountAsync("dishub", "facebook", "3000001", new { accessToken = "dishub-token" });
        DisdikFacebook = await Scenario.CreateAccountAsync("disdik", "facebook", "4000001");
        DinkesAdmin = Scenario.ClientWith((await Scenario.CreateUserAsync("Sari (admin dinkes)", "opdAdmin", "dinkes")).Token);
        var photo = await Scenario.UploadPhotoAsync();

        await PublishAsync("P1", "dinkes", [DinkesFacebook, DinkesX], T0.AddDays(-20).AddMinutes(-30), T0.AddDays(-20), photo, "published");
        await PublishAsync("P2", "dishub", [DishubFacebook], T0.AddDays(-10).AddHours(-3), T0.AddDays(-10), photo, "published");

        Scenario.Sandbox.State.RevokeToken("facebook", "dishub-token");
        Scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "*", FaultKinds.Permanent, Message: "Invalid parameter: link"));
        await PublishAsync("P7", "disdik", [DisdikFacebook], T0.AddDays(-5).AddHours(-1), T0.AddDays(-5), photo, "failed");
        await PublishAsync("P3", "dinkes", [DinkesFacebook], T0.AddDays(-2).AddHours(-2), T0.AddDays(-2), photo, "published");

        Items["P8"] = await SubmitAsync("dishub", [DishubFacebook], T0.AddDays(-1).AddMinutes(-30), T0.AddDays(-1), photo);
        await Editor.PostExpectAsync($"/api/items/{Items["P8"]}/approve", null, 200);
        Items["P4"] = await SubmitAsync("dinkes", [DinkesFacebook], T0.AddDays(-1), null, photo);
        Clock.Advance(T0.AddDays(-1) - Clock.GetUtcNow());
        await Eventually.WaitAsync(() => Scenario.ItemAsync(Items["P8"]), i => i["deliveries"]![0]!.Str("status") == "held", "P8's delivery to be held");

        Items["P6"] = await SubmitAsync("dinkes", [DinkesFacebook], T0.AddDays(-3), null, photo);
        await Editor.PostExpectAsync($"/api/items/{Items["P6"]}/reject", new { reason = "Duplikat." }, 200);
        Items["P5"] = await SubmitAsync("dishub", [DishubFacebook], T0.AddHours(-1), null, photo);
        Clock.Advance(T0 - Clock.GetUtcNow());
    }

    public async Task DisposeAsync()
    {
        DinkesAdmin.Dispose();
        await Scenario.DisposeAsync();
    }

    /// <summary>Submits and approves an item due at <paramref name="due"/>, moves the clock there and waits for the item's status.</summary>
    private async Task PublishAsync(string name, string opd, string[] accounts, DateTimeOffset eventEnded, DateTimeOffset due, string photo, string status)
    {
        Items[name] = await SubmitAsync(opd, accounts, eventEnded, due, photo);
        await Editor.PostExpectAsync($"/api/items/{Items[name]}/approve", null, 200);
        Clock.Advance(due - Clock.GetUtcNow());
        await Scenario.WaitForItemStatusAsync(Items[name], status);
    }

    private async Task<string> SubmitAsync(string opd, string[] accounts, DateTimeOffset eventEnded, DateTimeOffset? publishAt, string photo)
    {
        var item = await Editor.PostExpectAsync(
            "/api/items",
            new
            {
                opd,
                title = string.Create(CultureInfo.InvariantCulture, $"Kegiatan {opd}, \"liputan\" {eventEnded:dd MMM}"),
                body = "Liputan kegiatan dinas.",
                link = "https://portal.example.go.id/berita/" + opd,
                eventEndedAt = eventEnded,
                mediaIds = new[] { photo },
                accountIds = accounts,
                publishAt,
            },
            201);
        return item.Str("id");
    }
}
