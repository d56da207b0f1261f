using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.Graph;

/// <summary>
/// Graph's cursor paging of list edges: <c>limit</c> and <c>after</c> in, <c>data</c> and
/// <c>paging { cursors { before, after }, next }</c> out, <c>next</c> only while more items follow.
/// </summary>
internal static class GraphPaging
{
    public static SandboxAnswer Page<T>(CallContext call, IReadOnlyList<T> ordered, int defaultLimit, Func<T, JsonNode> toJson)
    {
        var limit = int.TryParse(call.Parameter("limit"), out var l) ? Math.Clamp(l, 1, 100) : defaultLimit;
        var start = Offset(call.Parameter("after"));
        var page = ordered.Skip(start).Take(limit).ToList();
        var paging = new JsonObject();
        if (page.Count > 0)
        {
            paging["cursors"] = new JsonObject { ["before"] = Cursor(start), ["after"] = Cursor(start + page.Count) };
        }

        if (start + page.Count < ordered.Count)
        {
            var request = call.Http.Request;
            var query = request.Query.Where(q => q.Key != "after")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append("after=" + Uri.EscapeDataString(Cursor(start + page.Count)));
            paging["next"] = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
        }

        return SandboxAnswer.Json(new JsonObject { ["data"] = new JsonArray([.. page.Select(toJson)]), ["paging"] = paging });
    }

    /// <summary>An opaque cursor, as Graph's are; it only encodes a position in the list.</summary>
    private static string Cursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int Offset(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text["offset:".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset)
                ? Math.Max(0, offset)
                : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }
}
