using System.Text.Json.Nodes;

namespace Broker.Adapters.WordPress;

/// <summary>What came back from one REST call: a status and a JSON body, or the network failure that stopped it.</summary>
/// <param name="Status">The HTTP status; null when no answer came.</param>
/// <param name="Body">The JSON body, when it was JSON.</param>
/// <param name="RetryAfter">The wait a 429 or 503 asked for.</param>
/// <param name="Failure">Why no answer came.</param>
/// <param name="Sent">Whether the request may have reached WordPress (false only when the connection never opened).</param>
internal sealed record WordPressAnswer(int? Status, JsonNode? Body, TimeSpan? RetryAfter, string? Failure, bool Sent)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>WordPress's error code (<c>rest_not_logged_in</c>, <c>incorrect_password</c>…), from <c>{"code":…}</c>.</summary>
    public string? Code => Text("code");

    public string Describe() => Status is null
        ? $"no answer ({Failure})"
        : $"HTTP {Status}{(Code is { } code ? " " + code : "")}{(Text("message") is { } message ? ": " + Trim(message) : "")}";

    public string? Text(string name) =>
        Body is JsonObject json && json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}
