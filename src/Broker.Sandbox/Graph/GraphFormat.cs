using System.Globalization;
using System.Text.Json.Nodes;

namespace Broker.Sandbox.Graph;

/// <summary>Graph conventions: timestamps like 2026-03-01T10:00:00+0000 and the <c>fields</c> selection.</summary>
internal static class GraphFormat
{
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Fields(string? fields, params string[] defaults) =>
        string.IsNullOrWhiteSpace(fields)
            ? defaults
            : [.. fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.Split('{', '.')[0])];

    /// <summary>Keeps the requested fields (and always id) of an object's full representation.</summary>
    public static JsonObject Select(JsonObject all, IReadOnlyList<string> fields)
    {
        var selected = new JsonObject();
        foreach (var field in fields.Prepend("id").Distinct(StringComparer.Ordinal))
        {
            if (all.TryGetPropertyValue(field, out var value))
            {
                selected[field] = value?.DeepClone();
            }
        }

        return selected;
    }

    public static bool IsTrue(string? value, bool whenMissing) =>
        value is null ? whenMissing : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1";

    public static long? UnixOrIso(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            return unix;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeSeconds()
            : null;
    }
}
