using System.Security.Claims;
using System.Text.Encodings.Web;
using Broker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// <c>Authorization: Bearer brk_…</c>: the token's hash is looked up among the users; a revoked or expired token fails
/// with a reason the client can act on. The token itself is never logged.
/// </summary>
internal sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IUserStore users,
    FailedTokenLimiter failures,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string FailureKey = "broker:auth-failure";

    private const string ThrottledKey = "broker:auth-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        // The token is checked first (a SHA-256 and an indexed look-up): a good token is never refused for the failures of
        // others behind the same address (an office NAT). Only failures count, and past the limit they get 429.
        var (user, reason) = await CheckAsync(header);
        if (user is not null)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(Principals.Of(user, SchemeName), SchemeName));
        }

        if (failures.IsBlocked(Context))
        {
            Context.Items[ThrottledKey] = true;
            return AuthenticateResult.Fail("Too many refused tokens from this address.");
        }

        return Fail(reason!);
    }

    private async Task<(User? User, string? Reason)> CheckAsync(string header)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return (null, "The Authorization header must be 'Bearer <token>'.");
        }

        var user = await users.FindByTokenHashAsync(AccessTokens.Hash(header[7..].Trim()), Context.RequestAborted);
        return user switch
        {
            null => (null, "The token is not known."),
            { RevokedAt: not null } => (null, "The token has been revoked."),
            _ when user.TokenExpiresAt <= time.GetUtcNow() => (null, $"The token expired at {user.TokenExpiresAt:u}."),
            _ => (user, null),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledKey))
        {
            Response.Headers.RetryAfter = "60";
            return Problems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, "Too many requests",
                "Too many refused tokens came from this address; wait a minute before trying again.");
        }

        var reason = Context.Items[FailureKey] as string;
        Response.Headers.WWWAuthenticate = reason is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            reason ?? "Send 'Authorization: Bearer <token>' with a token from an editor (POST /api/users).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this request.");

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureKey] = reason;
        failures.RecordFailure(Context);
        LogRefused(Logger, Context.Connection.RemoteIpAddress?.ToString(), reason);
        return AuthenticateResult.Fail(reason);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Refused a bearer token from {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? address, string reason);
}
