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

    /// <summary>A webhook target that is never reached (no DNS in the tests): the matrix only manages subscriptions.</summary>
    public const string WebhookUrl = "https://hooks.example.go.id/broker";
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

    public string CentralAccount { get; private set; } = "";

    /// <summary>A PNG photo, which has a JPEG rendition.</summary>
    public string PngPhoto { get; private set; } = "";

    /// <summary>A Facebook Login connection started for dinkes.</summary>
    public string Connection { get; private set; } = "";

    /// <summary>Approved, open for sharing, with a portal link.</summary>
    public string SharedItem { get; private set; } = "";

    /// <summary>The world's ASN's link to <see cref="SharedItem"/>.</summary>
    public string LinkCode { get; private set; } = "";

    /// <summary>dinkes's request for amplification of <see cref="ReporterItem"/>.</summary>
    public string Request { get; private set; } = "";

    public string Webhook { get; private set; } = "";

    private HttpClient OpdAdminClient => clients[Principal.OpdAdmin];

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

    /// <summary>A new webhook subscription, made by the editor.</summary>
    public async Task<string> FreshWebhookAsync() => (await Editor.PostExpectAsync("/api/webhooks", new { url = WebhookUrl }, 201)).Str("id");

    /// <summary>A scheduled delivery of a new approved item, due in days (for requests that cancel it).</summary>
    /// <summary>A new account of the world's OPD with nothing scheduled, for suspensions that must not hold the world's deliveries.</summary>
    public Task<string> SpareAccountAsync() =>
        Scenario.CreateAccountAsync(Opd, "facebook", "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A spare account paused by the world's OPD admin (so its editors and that admin may resume it): its id.</summary>
    public async Task<string> PausedAccountAsync()
    {
        var account = await SpareAccountAsync();
        await Client(Principal.OpdAdmin).PostExpectAsync($"/api/accounts/{account}/pause", new { reason = "Akun diperiksa." }, 200);
        return account;
    }

    /// <summary>A spare account suspended by the first editor: its scope's key, to resume.</summary>
    public async Task<string> SuspendedScopeAsync()
    {
        var account = await SpareAccountAsync();
        await Scenario.Api.PostExpectAsync("/api/suspensions", new { scope = "account", target = account, reason = "Akun diperiksa." }, 201);
        return "account:" + account;
    }

    /// <summary>An election period that ended long ago, so it holds nothing back in the world: its id.</summary>
    public async Task<string> PastPeriodAsync() =>
        (await Scenario.Api.PostExpectAsync("/api/election-periods", PeriodBody("Pemilu 2024"), 201)).Str("id");

    public static object PeriodBody(string name) => new
    {
        name,
        kind = "votingDay",
        rule = "refuse",
        startsAt = new DateTimeOffset(2024, 2, 14, 0, 0, 0, TimeSpan.FromHours(8)),
        endsAt = new DateTimeOffset(2024, 2, 15, 0, 0, 0, TimeSpan.FromHours(8)),
        terms = new[] { "Paslon 2" },
    };

    public async Task<string> FreshDeliveryAsync()
    {
        var approved = await Editor.PostExpectAsync($"/api/items/{await FreshItemAsync()}/approve", new { publishAt = Clock.GetUtcNow().AddDays(3) }, 200);
        return approved["deliveries"]![0]!.Str("id");
    }

    /// <summary>A new amplification request from dinkes's admin (for requests that decide it).</summary>
    public async Task<string> FreshRequestAsync()
    {
        var request = await OpdAdminClient.PostExpectAsync(
            "/api/amplification-requests",
            new { opd = Opd, url = "https://dinkes.example.go.id/berita/posyandu", note = "Mohon dibagikan.", accountIds = new[] { CentralAccount } },
            201);
        return request.Str("id");
    }

    /// <summary>A new Facebook Login connection for dinkes, started by the editor (not yet through the platform).</summary>
    public async Task<string> FreshConnectionAsync() =>
        (await Editor.PostExpectAsync("/api/accounts/connect/facebook", new { opd = Opd }, 201)).Str("id");

    /// <summary>A new ASN of dinkes (for requests that deactivate one).</summary>
    public async Task<string> FreshAsnAsync()
    {
        var nip = NewNip();
        await Editor.PostExpectAsync("/api/asn", new { nip, name = "Dewi", opd = Opd }, 201);
        return nip;
    }

    public static string NewNip() => "19900202" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public object ItemBody(string opd = Opd, string? account = null) => new
    {
        opd,
        title = "Posyandu keliling di Kelurahan Air Hitam",
        body = "Dinas Kesehatan menggelar posyandu keliling.",
        mediaIds = new[] { Photo },
        accountIds = new[] { account ?? Account },
        link = "https://dinkes.example.go.id/berita/posyandu-keliling",
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
        PngPhoto = await Scenario.UploadPhotoAsync(Broker.Sandbox.Control.SampleImages.Png(400, 400), "photo.png");
        await Scenario.CreateOpdAsync();
        CentralAccount = await Scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        await Editor.PostExpectAsync("/api/asn", new { nip = AsnNip, name = "Ani", opd = Opd }, 201);

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
        SharedItem = await FreshItemAsync();
        await Editor.PostExpectAsync($"/api/items/{SharedItem}/approve", new { publishAt = Clock.GetUtcNow().AddDays(3) }, 200);
        await Editor.PostExpectAsync($"/api/items/{SharedItem}/sharing", new { }, 200);
        LinkCode = (await Editor.GetJsonAsync($"/api/items/{SharedItem}/share-link?asn={AsnNip}")).Str("code");
        Request = await FreshRequestAsync();
        Webhook = await FreshWebhookAsync();
        Connection = await FreshConnectionAsync();

        Clock.Advance(TimeSpan.FromHours(2));
    }
}
