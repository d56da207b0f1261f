using System.Globalization;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.X;

/// <summary>X's authentication (OAuth 1.0a user context or OAuth 2.0 bearer), limits and problem answers.</summary>
internal sealed class XDialect(SandboxState state, XRateLimiter limiter) : IPlatformDialect
{
    public const string TokenEndpoint = "oauth2_token";

    public string Platform => "x";

    public SandboxAnswer? Authenticate(CallContext call)
    {
        if (call.Endpoint == TokenEndpoint)
        {
            return null;
        }

        var header = call.Http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateOAuth1(call, header);
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return XProblems.Unauthorized();
        }

        var token = header["Bearer ".Length..].Trim();
        var known = state.FindXBearerToken(token);
        if (known is null || state.IsRevoked(Platform, token) || (known.ExpiresAt is { } expiry && expiry <= state.Now))
        {
            return XProblems.Unauthorized();
        }

        call.Caller = new Caller(known.UserId, token, "oauth2");
        return null;
    }

    public string? AccountOf(CallContext call)
    {
        var header = call.Http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return state.FindXBearerToken(header["Bearer ".Length..].Trim())?.UserId;
        }

        if (!header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase)
            || OAuth1Verifier.ParseHeader(header) is not { } oauth
            || !oauth.TryGetValue("oauth_token", out var token))
        {
            return null;
        }

        return state.FindXCredentials(token)?.UserId ?? UserOfToken(token);
    }

    private SandboxAnswer? AuthenticateOAuth1(CallContext call, string header)
    {
        var oauth = OAuth1Verifier.ParseHeader(header);
        if (oauth is null || !oauth.TryGetValue("oauth_token", out var token) || state.IsRevoked(Platform, token))
        {
            return XProblems.Unauthorized();
        }

        var registered = state.FindXCredentials(token);
        if (registered is null)
        {
            call.Caller = new Caller(UserOfToken(token), token, "oauth1-unverified");
            return null;
        }

        var valid = registered.ConsumerKey == oauth["oauth_consumer_key"]
            && OAuth1Verifier.Verify(call.Http.Request, oauth, registered.ConsumerSecret, registered.AccessTokenSecret);
        call.Caller = new Caller(registered.UserId, token, valid ? "oauth1-verified" : "oauth1-invalid");
        return valid ? null : XProblems.Unauthorized();
    }

    /// <summary>X access tokens look like "{user-id}-{random}".</summary>
    private static string UserOfToken(string token)
    {
        var prefix = token.Split('-')[0];
        return prefix.Length > 0 && prefix.All(char.IsAsciiDigit) ? prefix : SandboxIds.FromToken("150", token);
    }

    public SandboxAnswer? CheckLimits(CallContext call) => call.Endpoint == TokenEndpoint ? null : limiter.Consume(call);

    public SandboxAnswer FaultAnswer(SandboxFault fault, CallContext call)
    {
        if (fault.Is(FaultKinds.RateLimit))
        {
            return XProblems.TooManyRequests()
                .WithHeader("x-rate-limit-remaining", "0")
                .WithHeader("x-rate-limit-reset", (state.Now + TimeSpan.FromSeconds(fault.ResetSeconds)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        return fault.Kind switch
        {
            _ when fault.Is(FaultKinds.Http503) => SandboxAnswer.Plain(503, "Service Unavailable"),
            _ when fault.Is(FaultKinds.Transient) => XProblems.Problem(503, "Service Unavailable", fault.Message ?? "Service Unavailable"),
            _ when fault.Is(FaultKinds.TokenExpired) => XProblems.Unauthorized(),
            _ when fault.Is(FaultKinds.Permanent) => XProblems.InvalidRequest(fault.Message ?? "One or more parameters to your request was invalid."),
            _ when fault.Is(FaultKinds.Duplicate) => XProblems.Duplicate(),
            _ when fault.Is(FaultKinds.Permission) => XProblems.Problem(403, "Forbidden", fault.Message ?? "You are not permitted to perform this action."),
            _ => XProblems.Problem(500, "Internal Server Error", fault.Message ?? "Internal Server Error"),
        };
    }

    public void Decorate(CallContext call, SandboxAnswer answer)
    {
        if (call.Endpoint != TokenEndpoint)
        {
            limiter.AddHeaders(call, answer);
        }
    }
}
