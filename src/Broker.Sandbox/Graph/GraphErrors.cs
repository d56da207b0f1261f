using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.Graph;

/// <summary>The Graph error envelope shared by Facebook and Instagram.</summary>
internal static class GraphErrors
{
    public static SandboxAnswer Error(int code, string message, int? subcode = null, bool transient = false, int status = 400, string type = "OAuthException", string? userTitle = null)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["code"] = code,
        };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        if (userTitle is not null)
        {
            error["error_user_title"] = userTitle;
            error["error_user_msg"] = message;
        }

        error["is_transient"] = transient;
        error["fbtrace_id"] = TraceId();
        return new SandboxAnswer(status, new JsonObject { ["error"] = error });
    }

    public static SandboxAnswer InvalidParameter(string message) => Error(100, message.StartsWith("(#", StringComparison.Ordinal) ? message : "(#100) " + message);

    public static SandboxAnswer UnknownObject(string id) => Error(
        100,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
        subcode: 33,
        type: "GraphMethodException");

    public static SandboxAnswer UnsupportedRequest(string method) => Error(
        100, $"Unsupported {method.ToLowerInvariant()} request.", subcode: 33, type: "GraphMethodException");

    public static SandboxAnswer MissingToken() => Error(104, "An access token is required to request this resource.");

    public static SandboxAnswer TokenInvalidated() => Error(
        190,
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
        subcode: 460);

    public static SandboxAnswer TokenExpired() => Error(
        190, "Error validating access token: Session has expired.", subcode: 463);

    private static string TraceId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');
}
