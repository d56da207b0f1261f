using System.Text.Json.Nodes;
using Broker.Sandbox.OAuth;
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

                var redeemed = RedeemCode(call, code);
                if (redeemed.Error is not null)
                {
                    return redeemed.Error;
                }

                userId = redeemed.UserId!;
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

    /// <summary>
    /// A code from the authorize dialog must come back with its app, its redirect_uri and the verifier of its PKCE
    /// challenge; a code registered through the control API carries no challenge and names its user. Any other code,
    /// or one used before, is refused.
    /// </summary>
    private (string? UserId, SandboxAnswer? Error) RedeemCode(CallContext call, string code)
    {
        if (state.TakeAuthorizationCode("x", code) is not { } issued)
        {
            return state.TakeXAuthorizationCode(code) is { } registered
                ? (registered, null)
                : (null, Error("invalid_request", "Value passed for the authorization code was invalid."));
        }

        if (issued.ExpiresAt <= state.Now)
        {
            return (null, Error("invalid_request", "Value passed for the authorization code was invalid."));
        }

        if (ClientId(call) != issued.ClientId || call.Parameter("redirect_uri") != issued.RedirectUri)
        {
            return (null, Error("invalid_request", "Value passed for the redirect uri or the client id did not match the authorization request."));
        }

        return Pkce.Verifies(call.Parameter("code_verifier"), issued.CodeChallenge, issued.ChallengeMethod)
            ? (issued.UserId, null)
            : (null, Error("invalid_request", "Value passed for the code verifier did not match the code challenge."));
    }

    /// <summary>The client id from the form or, for a confidential client, from the Basic credentials.</summary>
    private static string? ClientId(CallContext call)
    {
        if (call.Parameter("client_id") is { Length: > 0 } id)
        {
            return id;
        }

        var header = call.Http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return Uri.UnescapeDataString(decoded.Split(':')[0]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static SandboxAnswer Error(string error, string description) =>
        new(400, new JsonObject { ["error"] = error, ["error_description"] = description });
}
