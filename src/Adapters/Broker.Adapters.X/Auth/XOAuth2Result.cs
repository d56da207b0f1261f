using System.Net;

namespace Broker.Adapters.X.Auth;

/// <summary>What the token endpoint answered: tokens, or X's refusal, or no answer at all.</summary>
public abstract record XOAuth2Result
{
    private XOAuth2Result()
    {
    }

    /// <summary>X issued tokens.</summary>
    public sealed record Issued(XOAuth2Tokens Tokens) : XOAuth2Result;

    /// <summary>
    /// X refused. <paramref name="Error"/> is the OAuth error code (<c>invalid_grant</c>, <c>invalid_request</c>, …)
    /// when X gave one.
    /// </summary>
    public sealed record Refused(HttpStatusCode Status, string? Error, string? Description) : XOAuth2Result
    {
        /// <summary>Whether a person must authorise the app again (the refresh token is dead, or the client is not accepted).</summary>
        public bool NeedsReauthorization =>
            Error is "invalid_grant" or "invalid_request" or "invalid_client" or "unauthorized_client"
            || Status == HttpStatusCode.Unauthorized;
    }

    /// <summary>The endpoint could not be reached or timed out.</summary>
    public sealed record Unreachable(string Reason) : XOAuth2Result;
}
