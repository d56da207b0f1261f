using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.X;

/// <summary>POST /2/oauth2/token: authorization_code and rotating, single-use refresh tokens.</summary>
internal sealed class XOAuth2(SandboxState state, SandboxOptions options)
{
    private const string Scope = "tweet.read tweet.write users.read offline.access media.write";

    public SandboxAnswer Token(CallContext call)
    {
        var basic = call.Http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(call.Parameter("client_id")) && !basic)
        {
            return Error("invalid_request", "Missing required parameter [client_id].");
        }

        string? userId;
        switch (call.Parameter("grant_type"))
        {
            case "authorization_code":
                var code = call.Parameter("code");
                if (string.IsNullOrEmpty(code))
                {
                    return Error("invalid_request", "Missing required parameter [code].");
                }

                userId = state.TakeXAuthorizationCode(code) ?? options.XDefaultUserId;
                break;
            case "refresh_token":
                var refresh = call.Parameter("refresh_token");
                userId = string.IsNullOrEmpty(refresh) ? null : state.UseXRefreshToken(refresh);
                if (userId is null)
                {
                    return Error("invalid_request", "Value passed for the token was invalid.");
                }

                break;
            default:
                return Error("invalid_request", "Value passed for the grant type was invalid.");
        }

        var (access, refreshToken) = state.IssueXTokens(userId, options.XAccessTokenLifetime);
        return SandboxAnswer.Json(new JsonObject
        {
            ["token_type"] = "bearer",
            ["expires_in"] = (long)options.XAccessTokenLifetime.TotalSeconds,
            ["access_token"] = access.Token,
            ["scope"] = Scope,
            ["refresh_token"] = refreshToken,
        });
    }

    private static SandboxAnswer Error(string error, string description) =>
        new(400, new JsonObject { ["error"] = error, ["error_description"] = description });
}
