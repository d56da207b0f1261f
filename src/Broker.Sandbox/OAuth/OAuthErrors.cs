using System.Text.Json.Nodes;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Pipeline;

namespace Broker.Sandbox.OAuth;

/// <summary>
/// How the token endpoints refuse. Graph's are the usual envelope; the subcodes for a used code (36009) and a changed
/// redirect_uri (36008) come from community reports (UNCONFIRMED). api.instagram.com answers its older shape
/// <c>{"error_type","code","error_message"}</c> (UNCONFIRMED for Business Login).
/// </summary>
internal static class OAuthErrors
{
    public static SandboxAnswer GraphMissing(string parameter) =>
        GraphErrors.Error(100, $"Missing {parameter} parameter.");

    public static SandboxAnswer GraphBadCode() =>
        GraphErrors.Error(100, "Invalid verification code format.", type: "OAuthException");

    public static SandboxAnswer GraphCodeUsedOrExpired() =>
        GraphErrors.Error(100, "This authorization code has been used.", subcode: 36009);

    public static SandboxAnswer GraphRedirectMismatch() =>
        GraphErrors.Error(100, "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request", subcode: 36008);

    public static SandboxAnswer GraphClientMismatch() =>
        GraphErrors.Error(1, "Error validating client secret.", type: "OAuthException");

    public static SandboxAnswer GraphInvalidToken() =>
        GraphErrors.Error(190, "Invalid OAuth access token - Cannot parse access token");

    public static SandboxAnswer InstagramApi(string message) => new(400, new JsonObject
    {
        ["error_type"] = "OAuthException",
        ["code"] = 400,
        ["error_message"] = message,
    });
}
