using System.Text.Json;
using System.Text.RegularExpressions;

namespace Broker.Sandbox.Graph;

/// <summary>Graph accepts parameters in the query, a form (urlencoded or multipart) or a JSON body; merge them.</summary>
internal static partial class GraphParameters
{
    public static async Task<(Dictionary<string, string> Values, IFormFileCollection? Files)> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }

        IFormFileCollection? files = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }

            files = form.Files;
        }
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            await ReadJsonAsync(request, values);
        }

        CollectIndexedArray(values, "attached_media");
        return (values, files);
    }

    private static async Task ReadJsonAsync(HttpRequest request, Dictionary<string, string> values)
    {
        request.Body.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? string.Empty
                    : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            // Graph ignores a body it cannot parse; the missing parameters are reported instead.
        }
    }

    /// <summary>SDKs send arrays as name[0]=..., name[1]=...; fold them into one JSON array string.</summary>
    private static void CollectIndexedArray(Dictionary<string, string> values, string name)
    {
        var items = values.Keys
            .Select(k => (Key: k, Match: IndexedKey().Match(k)))
            .Where(x => x.Match.Success && x.Match.Groups[1].Value == name)
            .OrderBy(x => int.Parse(x.Match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Select(x => x.Key)
            .ToList();
        if (items.Count == 0)
        {
            return;
        }

        values[name] = "[" + string.Join(",", items.Select(k => values[k])) + "]";
    }

    [GeneratedRegex(@"^(\w+)\[([0-9]+)\]\z")]
    private static partial Regex IndexedKey();
}
