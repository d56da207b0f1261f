using System.Text.Json;

namespace Broker.Adapters.Graph;

/// <summary>The Graph API's error envelope <c>{"error":{...}}</c>, plus the HTTP status it came with.</summary>
/// <param name="HttpStatus">The HTTP status code of the answer.</param>
/// <param name="Code">The Graph error <c>code</c>; 0 when the answer carried no envelope.</param>
/// <param name="Subcode">The <c>error_subcode</c>, if any.</param>
/// <param name="Message">The platform's message.</param>
/// <param name="Type">The error <c>type</c> (e.g. <c>OAuthException</c>).</param>
/// <param name="IsTransient">The platform's <c>is_transient</c> flag.</param>
/// <param name="FbTraceId">The <c>fbtrace_id</c>, for support requests.</param>
public sealed record GraphError(
    int HttpStatus,
    int Code,
    int? Subcode,
    string Message,
    string? Type = null,
    bool IsTransient = false,
    string? FbTraceId = null)
{
    /// <summary>Reads the envelope from an error answer's body; an answer without one becomes code 0 with the HTTP status.</summary>
    public static GraphError Parse(int httpStatus, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new GraphError(
                    httpStatus,
                    GraphJson.Int(error, "code") ?? 0,
                    GraphJson.Int(error, "error_subcode"),
                    GraphJson.String(error, "message") ?? $"HTTP {httpStatus}",
                    GraphJson.String(error, "type"),
                    GraphJson.Bool(error, "is_transient") ?? false,
                    GraphJson.String(error, "fbtrace_id"));
            }

            // api.instagram.com (Instagram Login's code exchange) answers the older flat shape.
            if (GraphJson.String(document.RootElement, "error_message") is { } flat)
            {
                return new GraphError(httpStatus, GraphJson.Int(document.RootElement, "code") ?? 0, null, flat, GraphJson.String(document.RootElement, "error_type"));
            }
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer HTML; the status alone then tells what happened.
        }

        return new GraphError(httpStatus, 0, null, $"HTTP {httpStatus} without a Graph error body");
    }

    /// <summary>A short description for outcome reasons and logs: code, subcode, message and trace id.</summary>
    public string Describe()
    {
        var subcode = Subcode is { } s ? $"/{s}" : string.Empty;
        var trace = FbTraceId is null ? string.Empty : $", fbtrace_id {FbTraceId}";
        return $"Graph error {Code}{subcode} (HTTP {HttpStatus}): {Message}{trace}";
    }
}
