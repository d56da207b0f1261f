using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

// ASP0016 misreads the operation lambdas handed to RunAsync as request delegates; the handlers themselves return Task.
#pragma warning disable ASP0016

namespace Broker.Sandbox.X;

/// <summary>Maps /x/2/... (api.x.com).</summary>
internal static class XRouter
{
    public static IEndpointRouteBuilder MapXApi(this IEndpointRouteBuilder routes)
    {
        var x = routes.MapGroup("/x/2");
        x.MapPost("/tweets", (HttpContext http) => RunAsync(http, "tweets", async (s, c) => s.Tweets.Create(c, await ReadJsonAsync(http))));
        x.MapGet("/tweets/{id}", (HttpContext http, string id) => RunAsync(http, "tweet_read", (s, c) => Task.FromResult(s.Tweets.Read(c, id))));
        x.MapDelete("/tweets/{id}", (HttpContext http, string id) => RunAsync(http, "tweet_delete", (s, c) => Task.FromResult(s.Tweets.Delete(c, id))));
        x.MapGet("/users/me", (HttpContext http) => RunAsync(http, "users_me", (_, c) => Task.FromResult(XTweets.Me(c))));
        x.MapGet("/users/{id}/tweets", (HttpContext http, string id) => RunAsync(http, "user_tweets", (s, c) => Task.FromResult(s.Tweets.ListOfUser(c, id))));
        x.MapPost("/media/upload", (HttpContext http) => RunAsync(http, "media_upload", (s, c) => s.Media.UploadAsync(c, Files(http))));
        x.MapGet("/media/upload", (HttpContext http) => RunAsync(http, "media_status", (s, c) => Task.FromResult(s.Media.Status(c))));
        x.MapPost("/media/upload/initialize", (HttpContext http) => RunAsync(http, "media_initialize", (s, c) => Task.FromResult(s.Media.Initialize(c))));
        x.MapPost("/media/upload/{id}/append", (HttpContext http, string id) => RunAsync(http, "media_append", (s, c) => Task.FromResult(s.Media.Append(c, id, Files(http)))));
        x.MapPost("/media/upload/{id}/finalize", (HttpContext http, string id) => RunAsync(http, "media_finalize", (s, _) => Task.FromResult(s.Media.Finalize(id))));
        x.MapPost("/oauth2/token", (HttpContext http) => RunAsync(http, XDialect.TokenEndpoint, (s, c) => Task.FromResult(s.OAuth2.Token(c))));
        return routes;
    }

    private sealed record XServices(XTweets Tweets, XMediaUploads Media, XOAuth2 OAuth2);

    private static async Task RunAsync(HttpContext http, string endpoint, Func<XServices, CallContext, Task<SandboxAnswer>> operation)
    {
        var services = http.RequestServices;
        var state = services.GetRequiredService<SandboxState>();
        var options = services.GetRequiredService<SandboxOptions>();
        var parameters = await ReadParametersAsync(http.Request);
        var x = new XServices(new XTweets(state, options), new XMediaUploads(state, options), new XOAuth2(state, options));
        var call = new CallContext(http, endpoint, parameters);
        await services.GetRequiredService<PlatformPipeline>().RunAsync(services.GetRequiredService<XDialect>(), call, c => operation(x, c));
    }

    /// <summary>Query, form fields and top-level JSON properties, merged.</summary>
    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var values = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }
        else if (await ReadJsonAsync(request.HttpContext) is JsonObject json)
        {
            foreach (var (key, value) in json)
            {
                values[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
            }
        }

        return values;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext http)
    {
        if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        http.Request.Body.Position = 0;
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IFormFileCollection? Files(HttpContext http) => http.Request.HasFormContentType ? http.Request.Form.Files : null;
}
