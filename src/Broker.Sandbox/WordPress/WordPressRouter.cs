using System.Text.Json;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

// ASP0016 misreads the operation lambdas handed to RunAsync as request delegates; the handlers themselves return Task.
#pragma warning disable ASP0016

namespace Broker.Sandbox.WordPress;

/// <summary>Maps one WordPress site's REST API v2 at <c>/wordpress/wp-json/wp/v2/…</c>.</summary>
internal static class WordPressRouter
{
    public static IEndpointRouteBuilder MapWordPressApi(this IEndpointRouteBuilder routes)
    {
        var wp = routes.MapGroup("/wordpress/wp-json/wp/v2");
        wp.MapPost("/media", (HttpContext http) => RunAsync(http, "media", (site, c) => site.UploadAsync(c)));
        wp.MapPost("/posts", (HttpContext http) => RunAsync(http, "posts", async (site, c) => site.Create(c, await ReadJsonAsync(http))));
        wp.MapGet("/posts", (HttpContext http) => RunAsync(http, "post_lookup", (site, c) => Task.FromResult(site.List(c))));
        wp.MapGet("/posts/{id}", (HttpContext http, string id) => RunAsync(http, "post_read", (site, c) => Task.FromResult(site.Read(id))));
        wp.MapDelete("/posts/{id}", (HttpContext http, string id) => RunAsync(http, "post_delete", (site, c) => Task.FromResult(site.Delete(c, id))));
        return routes;
    }

    private static async Task RunAsync(HttpContext http, string endpoint, Func<WordPressSite, CallContext, Task<SandboxAnswer>> operation)
    {
        var services = http.RequestServices;
        var site = new WordPressSite(services.GetRequiredService<SandboxState>());
        var parameters = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var call = new CallContext(http, endpoint, parameters);
        await services.GetRequiredService<PlatformPipeline>().RunAsync(services.GetRequiredService<WordPressDialect>(), call, c => operation(site, c));
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
}
