using System.Text.Json.Nodes;

namespace Broker.Sandbox.Pipeline;

/// <summary>What a platform handler answers; written by <see cref="PlatformPipeline"/>.</summary>
internal sealed record SandboxAnswer(int Status, JsonNode? Body, string ContentType = "application/json; charset=UTF-8")
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Marks an answer as the platform refusing the call (no state change happened).</summary>
    public bool IsError => Status >= 400;

    /// <summary>A non-JSON body (e.g. a proxy's plain-text 503 page).</summary>
    public string? Text { get; init; }

    public static SandboxAnswer Plain(int status, string text) => new(status, null, "text/plain; charset=UTF-8") { Text = text };

    public static SandboxAnswer Json(JsonNode body, int status = 200) => new(status, body);

    public SandboxAnswer WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
