using System.Text.Json;

namespace Broker.Adapters.X.Errors;

/// <summary>X's RFC 7807 problem object (<c>{"title","detail","type","status"}</c>), or what could be read of a non-JSON body.</summary>
internal sealed record XProblem(string? Type, string? Title, string? Detail)
{
    /// <summary>The last segment of <see cref="Type"/> (<c>https://api.x.com/2/problems/usage-capped</c> → <c>usage-capped</c>).</summary>
    public string? Kind => Type?.TrimEnd('/').Split('/')[^1];

    public string Describe() => (Title, Detail) switch
    {
        (null, null) => "no details",
        (null, { } detail) => detail,
        ({ } title, null) => title,
        ({ } title, { } detail) => $"{title}: {detail}",
    };

    public static XProblem Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new XProblem(null, null, null);
            }

            // Some answers wrap problems in "errors": [{...}] next to (or instead of) the top-level fields.
            var source = !root.TryGetProperty("type", out _) && root.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                ? errors[0]
                : root;
            var detail = Text(source, "detail") ?? Text(source, "message");
            var first = root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                ? Text(list[0], "message")
                : null;
            return new XProblem(Text(source, "type"), Text(source, "title"), first is null || first == detail ? detail : $"{detail} {first}".Trim());
        }
        catch (JsonException)
        {
            return new XProblem(null, null, body.Length > 200 ? body[..200] : body.Length == 0 ? null : body);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
