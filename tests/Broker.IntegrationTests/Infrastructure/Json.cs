using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>JSON calls that read answers as JSON nodes, so tests assert on the wire contract (names, casing).</summary>
public static class Json
{
    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, string.IsNullOrWhiteSpace(text) || !IsJson(response) ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(this HttpClient client, string path, object? body = null) =>
        client.SendAsync(HttpMethod.Post, path, body);

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body!;
    }

    /// <summary>Every row of a paged list: GETs <paramref name="path"/> and each next page its <c>Link</c> header names.</summary>
    public static async Task<JsonArray> GetAllPagesAsync(this HttpClient client, string path)
    {
        var all = new JsonArray();
        for (string? next = path; next is not null;)
        {
            using var response = await client.GetAsync(new Uri(next, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {next} answered {(int)response.StatusCode}: {text}");
            foreach (var row in JsonNode.Parse(text)!.AsArray().ToList())
            {
                all.Add(row!.DeepClone());
            }

            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }

        return all;
    }

    /// <summary>POSTs and asserts the status, returning the body.</summary>
    public static async Task<JsonNode> PostExpectAsync(this HttpClient client, string path, object? body, int status)
    {
        var (response, node) = await client.PostAsync(path, body);
        Assert.True((int)response.StatusCode == status, $"POST {path} answered {(int)response.StatusCode}, expected {status}: {node}");
        return node!;
    }

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.Ordinal);
}
