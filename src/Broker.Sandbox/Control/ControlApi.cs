using System.Text.Json;
using System.Text.RegularExpressions;
using Broker.Sandbox.Faults;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Control;

/// <summary>The test-facing API under /_sandbox: inspect what was posted and requested, inject faults, reset.</summary>
internal static partial class ControlApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sandbox");
        control.MapGet("/posts", (SandboxState state, string? platform, string? account) =>
            Results.Json(state.Posts(platform, account).Select(ToJson), Json));
        control.MapGet("/posts/{platform}/{id}", (SandboxState state, string platform, string id) =>
            state.Posts(platform).FirstOrDefault(p => p.Id == id) is { } post ? PostPage.Of(post) : Results.NotFound());
        control.MapGet("/requests", (SandboxState state, string? platform, string? path) =>
            Results.Json(state.RequestsFor(platform, path), Json));
        control.MapGet("/deletions", (SandboxState state, string? platform) => Results.Json(state.Deletions(platform), Json));
        control.MapPost("/instagram/deletes", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<InstagramDeletesRequest>(http, r => state.InstagramDeletes = r.Supported));
        control.MapGet("/faults", (SandboxState state) => Results.Json(state.Faults, Json));
        control.MapPost("/native-posts", async (HttpContext http, SandboxState state) =>
        {
            var body = await ReadAsync<NativePostRequest>(http);
            if (body is null || body.Platform is not ("facebook" or "instagram" or "x") || string.IsNullOrEmpty(body.Account))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["platform"] = ["platform (facebook, instagram or x) and account are required."] });
            }

            return Results.Json(state.AddNativePost(body.Platform, body.Account, body.Text ?? string.Empty, body.At), Json);
        });
        control.MapPost("/metrics/retired", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<RetireMetricRequest>(http, r => state.RetireMetric(r.Name)));
        control.MapPost("/faults", AddFaultAsync);
        control.MapDelete("/faults", (SandboxState state) =>
        {
            state.ClearFaults();
            return Results.NoContent();
        });
        control.MapPost("/latency", async (HttpContext http, SandboxState state) =>
        {
            var body = await ReadAsync<LatencyRequest>(http);
            state.LatencyMilliseconds = body?.Milliseconds ?? 0;
            return Results.Json(new { milliseconds = state.LatencyMilliseconds }, Json);
        });
        control.MapPost("/reset", (SandboxState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        control.MapPost("/tokens/revoke", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<RevokeRequest>(http, r => state.RevokeToken(r.Platform.ToLowerInvariant(), r.Token)));
        control.MapPost("/x/credentials", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<XCredentials>(http, state.RegisterXCredentials));
        control.MapPost("/x/bearer-tokens", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<BearerTokenRequest>(http, r => state.RegisterXBearerToken(new XBearerToken(r.Token, r.UserId, r.ExpiresAt))));
        control.MapPost("/x/authorization-codes", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<AuthorizationCodeRequest>(http, r => state.RegisterXAuthorizationCode(r.Code, r.UserId)));
        control.MapPost("/oauth/deny", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<DenyConsentRequest>(http, r => state.DenyNextConsent(r.Platform.ToLowerInvariant())));
        control.MapPost("/instagram/users", async (HttpContext http, SandboxState state) =>
            await WithBodyAsync<InstagramUserRequest>(http, r => state.RegisterInstagramUser(r.AccessToken, r.UserId)));
        control.MapGet("/images/{name}", Image);
        control.MapPost("/files", UploadFileAsync);
        control.MapGet("/files/{id}", (SandboxState state, string id) =>
            state.FindFile(id) is { } file ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound());
        return routes;
    }

    private static async Task<IResult> AddFaultAsync(HttpContext http, SandboxState state)
    {
        var fault = await ReadAsync<SandboxFault>(http);
        if (fault is null || string.IsNullOrEmpty(fault.Kind) || !FaultKinds.All.Contains(fault.Kind))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = [$"kind must be one of: {string.Join(", ", FaultKinds.All)}"],
            });
        }

        var normalized = fault with
        {
            Platform = string.IsNullOrEmpty(fault.Platform) ? "*" : fault.Platform.ToLowerInvariant(),
            Endpoint = string.IsNullOrEmpty(fault.Endpoint) ? "*" : fault.Endpoint,
            Times = fault.Times <= 0 ? 1 : fault.Times,
        };
        return Results.Json(state.AddFault(normalized), Json, statusCode: 201);
    }

    private static IResult Image(string name, long? bytes)
    {
        var match = ImageName().Match(name);
        if (!match.Success)
        {
            return Results.NotFound();
        }

        var width = Math.Clamp(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 8000);
        var height = Math.Clamp(int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 8000);
        return match.Groups[3].Value == "png"
            ? Results.Bytes(SampleImages.Png(width, height), "image/png")
            : Results.Bytes(SampleImages.Jpeg(width, height, bytes ?? 0), "image/jpeg");
    }

    private static async Task<IResult> UploadFileAsync(HttpContext http, SandboxState state)
    {
        using var memory = new MemoryStream();
        await http.Request.Body.CopyToAsync(memory, http.RequestAborted);
        var id = state.AddFile(memory.ToArray(), http.Request.ContentType ?? "application/octet-stream");
        var url = $"{http.Request.Scheme}://{http.Request.Host}/_sandbox/files/{id}";
        return Results.Json(new { id, url }, Json, statusCode: 201);
    }

    private static async Task<IResult> WithBodyAsync<T>(HttpContext http, Action<T> apply)
        where T : class
    {
        var body = await ReadAsync<T>(http);
        if (body is null)
        {
            return Results.BadRequest();
        }

        apply(body);
        return Results.NoContent();
    }

    private static async Task<T?> ReadAsync<T>(HttpContext http)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object ToJson(SandboxPost post) => new
    {
        post.Platform,
        post.AccountId,
        post.Id,
        post.Kind,
        post.Text,
        post.Link,
        post.MediaCount,
        post.MediaUrls,
        post.MediaIds,
        post.CreatedAt,
        post.Permalink,
    };

    [GeneratedRegex(@"^([0-9]+)x([0-9]+)\.(jpe?g|png)\z")]
    private static partial Regex ImageName();
}
