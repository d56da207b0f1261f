using System.Text.Json;

namespace Broker.Adapters.X.Publishing;

/// <summary>A successful answer's JSON, or the outcome a failed call maps to.</summary>
internal sealed record XApiResult(JsonElement Body, PublishOutcome? Failure)
{
    /// <summary>The HTTP status of a refusal; 0 for a success or a call without an answer.</summary>
    public int HttpStatus { get; init; }

    public static XApiResult Failed(PublishOutcome failure) => new(default, failure);

    /// <summary><c>data.{name}</c> as a string (numbers too), or null.</summary>
    public string? DataString(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()
            : null;

    /// <summary><c>data.{name}</c> as an element, or null.</summary>
    public JsonElement? Data(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
