using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.WordPress;

/// <summary>WordPress's REST error shape: <c>{"code":"rest_…","message":…,"data":{"status":…}}</c>.</summary>
internal static class WordPressErrors
{
    public static SandboxAnswer Error(int status, string code, string message) => SandboxAnswer.Json(
        new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } },
        status);

    public static SandboxAnswer NotLoggedIn() => Error(401, "rest_not_logged_in", "You are not currently logged in.");

    public static SandboxAnswer IncorrectPassword(string user) =>
        Error(401, "incorrect_password", $"<strong>Error:</strong> The password you entered for the username <strong>{user}</strong> is incorrect.");

    public static SandboxAnswer InvalidParam(string param, string message) => SandboxAnswer.Json(
        new JsonObject
        {
            ["code"] = "rest_invalid_param",
            ["message"] = $"Invalid parameter(s): {param}",
            ["data"] = new JsonObject { ["status"] = 400, ["params"] = new JsonObject { [param] = message } },
        },
        400);

    public static SandboxAnswer InvalidPostId() => Error(404, "rest_post_invalid_id", "Invalid post ID.");
}
