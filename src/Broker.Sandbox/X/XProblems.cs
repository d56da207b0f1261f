using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.X;

/// <summary>X's RFC 7807 problem bodies (platforms.md §3.6).</summary>
internal static class XProblems
{
    public const string ContentType = "application/problem+json";

    public static SandboxAnswer Problem(int status, string title, string detail, string type = "about:blank", JsonArray? errors = null)
    {
        var body = new JsonObject();
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        body["title"] = title;
        body["detail"] = detail;
        body["type"] = type;
        body["status"] = status;
        return new SandboxAnswer(status, body, ContentType);
    }

    public static SandboxAnswer InvalidRequest(string message, string? parameter = null)
    {
        var error = new JsonObject { ["message"] = message };
        if (parameter is not null)
        {
            error["parameters"] = new JsonObject { [parameter] = new JsonArray() };
        }

        return Problem(
            400, "Invalid Request", "One or more parameters to your request was invalid.",
            "https://api.x.com/2/problems/invalid-request", new JsonArray(error));
    }

    public static SandboxAnswer Unauthorized() => Problem(401, "Unauthorized", "Unauthorized");

    public static SandboxAnswer Duplicate() => Problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");

    public static SandboxAnswer TooManyRequests() => Problem(429, "Too Many Requests", "Too Many Requests");

    public static SandboxAnswer NotFound(string id, string resourceType, string parameter) => SandboxAnswer.Json(new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject
        {
            ["value"] = id,
            ["detail"] = $"Could not find {resourceType} with {parameter}: [{id}].",
            ["title"] = "Not Found Error",
            ["resource_type"] = resourceType,
            ["parameter"] = parameter,
            ["resource_id"] = id,
            ["type"] = "https://api.x.com/2/problems/resource-not-found",
        }),
    });
}
