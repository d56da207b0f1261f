using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Access;

/// <summary>
/// Two OPDs (dinkes and dishub), an account each, an item a reporter submitted for dinkes, a published delivery, and a
/// user of every role (plus an expired and a revoked one) with a client each.
/// </summary>
public sealed class AccessWorld : IAsyncDisposable
{
    public const string Opd = "dinkes";
    public const string OtherOpd = "dishub";
    public const string AsnNip = "198703152010011002";

    private readonly Dictionary<Principal, HttpClient> clients = [];

    private AccessWorld(Scenario scenario, FakeTimeProvider clock)
    {
        Scenario = scenario;
        Clock = clock;
    }

    public Scenario Scenario { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Editor => Scenario.Api;

    public string Account { get; private set; } = "";

    public string OtherAccount { get; private set; } = "";

    public string Photo { get; private set; } = "";

    /// <summary>Submitted by the reporter, for dinkes's account.</summary>
    public string ReporterItem { get; private set; } = "";

    public string Delivery { get; private set; } = "";

    public string ReporterToken { get; private set; } = "";

    public static async Task<AccessWorld> StartAsync()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // The matrix sends many refused tokens from one address on purpose; the limit on them has its own test.
        var world = new AccessWorld(await Scenario.StartAsync(clock, s => s["Access:FailedTokensPerMinute"] = "10000"), clock);
        await world.BuildAsync();
        return world;
    }

    public HttpClient Client(Principal principal) => clients[principal];

    /// <summary>A new item submitted by the reporter for dinkes's account (for requests that change it).</summary>
    public async Task<string> FreshItemAsync()
    {
        using var reporter = Scenario.ClientWith(ReporterToken);
        var item = await reporter.PostExpectAsync("/api/items", ItemBody(), 201);
        return item.Str("id");
    }

    /// <summary>A scheduled delivery of a new approved item, due in days (for requests that cancel it).</summary>
    public async Task<string> FreshDeliveryAsync()
    {
        var approved = await Editor.PostExpectAsync($"/api/items/{await FreshItemAsync()}/approve", new { publishAt = Clock.GetUtcNow().AddDays(3) }, 200);
        return approved["deliveries"]![0]!.Str("id");
    }

    public object ItemBody(string opd = Opd, string? account = null) => new
    {
        opd,
        title = "Posyandu keliling di Kelurahan Air Hitam",
        body = "Dinas Kesehatan menggelar posyandu keliling.",
        mediaIds = new[] { Photo },
        accountIds = new[] { account ?? Account },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values.Where(c => c != Editor))
        {
            client.Dispose();
        }

        await Scenario.DisposeAsync();
    }

    private async Task BuildAsync()
    {
        await Scenario.CreateOpdAsync(Opd, "Dinas Kesehatan");
        await Scenario.CreateOpdAsync(OtherOpd, "Dinas Perhubungan");
        Account = await Scenario.CreateAccountAsync(Opd, "facebook", "2000001");
        OtherAccount = await Scenario.CreateAccountAsync(OtherOpd, "facebook", "3000001");
        Photo = await Scenario.UploadPhotoAsync();

        ReporterToken = (await Scenario.CreateUserAsync("Rina (reporter)", "reporter")).Token;
        var expiring = await Scenario.CreateUserAsync("Eko (expired)", "editor", expiresAt: Clock.GetUtcNow().AddHours(1));
        var revoked = await Scenario.CreateUserAsync("Rudi (revoked)", "editor");
        await Editor.PostExpectAsync($"/api/users/{revoked.Id}/revoke", null, 200);

        clients[Principal.NoToken] = Scenario.ClientWith(null);
        clients[Principal.UnknownToken] = Scenario.ClientWith("brk_not-a-token-anyone-was-given");
        clients[Principal.ExpiredToken] = Scenario.ClientWith(expiring.Token);
        clients[Principal.RevokedToken] = Scenario.ClientWith(revoked.Token);
        clients[Principal.Editor] = Editor;
        clients[Principal.Reporter] = Scenario.ClientWith(ReporterToken);
        clients[Principal.OpdAdmin] = Scenario.ClientWith((await Scenario.CreateUserAsync("Sari (admin dinkes)", "opdAdmin", Opd)).Token);
        clients[Principal.OtherOpdAdmin] = Scenario.ClientWith((await Scenario.CreateUserAsync("Budi (admin dishub)", "opdAdmin", OtherOpd)).Token);
        clients[Principal.Asn] = Scenario.ClientWith((await Scenario.CreateUserAsync("Ani (ASN)", "asn", asnNip: AsnNip)).Token);

        ReporterItem = await FreshItemAsync();
        Delivery = await FreshDeliveryAsync();

        Clock.Advance(TimeSpan.FromHours(2));
    }
}
