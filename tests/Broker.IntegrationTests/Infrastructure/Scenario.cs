using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Broker.Sandbox;
using Broker.Sandbox.Control;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>A sandbox and a broker, with the golden path's set-up steps as one-line calls over real HTTP.</summary>
public sealed class Scenario : IAsyncDisposable
{
    private Scenario(RunningSandbox sandbox, BrokerHost broker)
    {
        Sandbox = sandbox;
        Broker = broker;
    }

    public RunningSandbox Sandbox { get; }

    public BrokerHost Broker { get; }

    public HttpClient Api => Broker.Client;

    public static async Task<Scenario> StartAsync(
        TimeProvider? time = null, Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = time ?? TimeProvider.System }, CancellationToken.None);
        var broker = await BrokerHost.StartAsync(sandbox, time, configure, services);
        return new Scenario(sandbox, broker);
    }

    public async Task<string> CreateOpdAsync(string code = "diskominfo", string name = "Dinas Komunikasi dan Informatika")
    {
        var body = await Api.PostExpectAsync("/api/opds", new { code, name }, 201);
        return body.Str("code");
    }

    public async Task<string> CreateAccountAsync(string opd, string platform, string externalId, object? credentials = null)
    {
        // X access tokens look like "{user-id}-{random}": the sandbox then knows the token's user is the account, which
        // reconciliation (reading the account's own posts) depends on.
        credentials ??= platform == "x"
            ? new { consumerKey = "ck-" + externalId, consumerSecret = "cs", accessToken = externalId + "-at", accessTokenSecret = "ats" }
            : new { accessToken = "token-" + externalId };
        var body = await Api.PostExpectAsync("/api/accounts", new { opd, platform, name = $"{platform} {externalId}", externalId, credentials }, 201);
        return body.Str("id");
    }

    /// <summary>An OPD with one account per platform: (facebook, instagram, x) account ids.</summary>
    public async Task<(string Facebook, string Instagram, string X)> CreateCentralAccountsAsync(string opd = "diskominfo")
    {
        await CreateOpdAsync(opd);
        return (
            await CreateAccountAsync(opd, "facebook", "1000001"),
            await CreateAccountAsync(opd, "instagram", "1784000001"),
            await CreateAccountAsync(opd, "x", "2244994945"));
    }

    public async Task<string> UploadPhotoAsync(byte[]? bytes = null, string name = "photo.jpg")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes ?? SampleImages.Jpeg(1080, 1080));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", name);
        var response = await Api.PostAsync("/api/media", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"upload answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.Str("id");
    }

    public async Task<string> SubmitItemAsync(string opd, string[] accountIds, string[]? mediaIds = null, string? title = null, string? body = null, string? link = null, DateTimeOffset? publishAt = null)
    {
        var item = await Api.PostExpectAsync(
            "/api/items",
            new
            {
                opd,
                title = title ?? "Wali Kota resmikan Taman Samarendah",
                body = body ?? "Pemerintah kota meresmikan taman baru di tepi Sungai Mahakam pada Senin pagi.",
                link = link ?? "https://portal.example.go.id/berita/taman-samarendah",
                eventEndedAt = DateTimeOffset.Parse("2026-11-23T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                mediaIds = mediaIds ?? [],
                accountIds,
                publishAt,
            },
            201);
        Assert.Equal("submitted", item.Str("status"));
        return item.Str("id");
    }

    /// <summary>Creates a user through the API as the first editor: (id, token).</summary>
    public async Task<(string Id, string Token)> CreateUserAsync(string name, string role, string? opd = null, string? asnNip = null, DateTimeOffset? expiresAt = null)
    {
        var user = await Api.PostExpectAsync("/api/users", new { name, role, opd, asnNip, expiresAt }, 201);
        return (user.Str("id"), user.Str("token"));
    }

    /// <summary>A client of this broker sending the given token (none when null). The caller disposes it.</summary>
    public HttpClient ClientWith(string? token) => Broker.ClientWith(token);

    public Task<JsonNode> ItemAsync(string id) => Api.GetJsonAsync($"/api/items/{id}");

    public Task<JsonNode> WaitForItemStatusAsync(string id, string status, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => ItemAsync(id), i => i.Str("status") == status, $"item {id} to be {status}", timeout);

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
