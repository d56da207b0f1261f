using System.Globalization;
using System.Text.Json;

namespace Broker.Adapters.Graph;

/// <summary>Lenient readers for Graph JSON, which spells numbers as strings in some places and numbers in others.</summary>
public static class GraphJson
{
    /// <summary>The string (or number, as text) under <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The integer under <paramref name="name"/> (a number or a numeric string), or <c>null</c>.</summary>
    public static long? Long(JsonElement element, string name) =>
        String(element, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>The integer under <paramref name="name"/> when it fits an <see cref="int"/>, or <c>null</c>.</summary>
    public static int? Int(JsonElement element, string name) =>
        Long(element, name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    /// <summary>The boolean under <paramref name="name"/>, or <c>null</c>.</summary>
    public static bool? Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    /// <summary>The absolute URL under <paramref name="name"/>, or <c>null</c>.</summary>
    public static Uri? Url(JsonElement element, string name) =>
        String(element, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    /// <summary>
    /// The <c>after</c> cursor of a list answer when another page follows (Graph gives <c>paging.next</c> only then),
    /// or <c>null</c> on the last page.
    /// </summary>
    public static string? NextCursor(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("paging", out var paging)
        && String(paging, "next") is { Length: > 0 }
        && paging.TryGetProperty("cursors", out var cursors)
            ? String(cursors, "after")
            : null;

    /// <summary>The items of the <c>data</c> array of a list answer; empty when there is none.</summary>
    public static IEnumerable<JsonElement> Data(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("data", out var data)
        && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray()
            : [];
}
