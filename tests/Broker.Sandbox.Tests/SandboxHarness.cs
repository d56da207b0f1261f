using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Sandbox.Tests;

/// <summary>
/// A sandbox on loopback port 0 plus a plain HttpClient pointed at it (with the test's timeout), and one for the
/// sandbox's own control endpoints, which keeps a generous timeout: a test's short one is for the platform calls it tries.
/// </summary>
internal sealed class SandboxHarness : IAsyncDisposable
{
    private readonly HttpClient control;

    private SandboxHarness(RunningSandbox sandbox, FakeTimeProvider time, TimeSpan? timeout)
    {
        Sandbox = sandbox;
        Time = time;
        Http = new HttpClient { BaseAddress = new Uri(sandbox.Address + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(20) };
        control = new HttpClient { BaseAddress = new Uri(sandbox.Address + "/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public RunningSandbox Sandbox { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public string Address => Sandbox.Address;

    public static async Task<SandboxHarness> StartAsync(Action<SandboxOptions>? configure = null, TimeSpan? timeout = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var options = new SandboxOptions { TimeProvider = time };
        configure?.Invoke(options);
        var sandbox = await SandboxServer.StartAsync(options, CancellationToken.None);
        return new SandboxHarness(sandbox, time, timeout);
    }

    public string Image(int width, int height, string extension = "jpg") => $"{Address}/_sandbox/images/{width}x{height}.{extension}";

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> PostFormAsync(string path, params (string Key, string Value)[] fields)
    {
        var response = await Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));
        return (response, await BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> PostJsonAsync(string path, object body, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await Http.SendAsync(request);
        return (response, await BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(string path, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await Http.SendAsync(request);
        return (response, await BodyAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        return (response, await BodyAsync(response));
    }

    public async Task InjectAsync(object fault)
    {
        var response = await control.PostAsJsonAsync("_sandbox/faults", fault);
        Assert.Equal(201, (int)response.StatusCode);
    }

    public async Task<JsonArray> ControlPostsAsync(string platform) =>
        (JsonNode.Parse(await control.GetStringAsync($"_sandbox/posts?platform={platform}")) as JsonArray)!;

    public static async Task<JsonNode?> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        control.Dispose();
        await Sandbox.DisposeAsync();
    }
}
