using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Broker.Access;

/// <summary>Checks a token and, when it is good, signs its user in with the session cookie (API and pages share this).</summary>
public sealed class SessionSignIn(IUserStore users, FailedTokenLimiter failures, Auditor audit, TimeProvider time)
{
    public sealed record Outcome(User? User, int Status, string Reason);

    public async Task<Outcome> SignInAsync(HttpContext context, string token, CancellationToken cancellationToken)
    {
        // The token first: a good one signs in whatever others behind the same address got wrong; only failures count.
        var user = await users.FindByTokenHashAsync(AccessTokens.Hash(token.Trim()), cancellationToken);
        var reason = user switch
        {
            null => "The token is not known.",
            { RevokedAt: not null } => "The token has been revoked.",
            _ when user.TokenExpiresAt <= time.GetUtcNow() => "The token has expired.",
            _ => null,
        };
        if (reason is not null)
        {
            if (failures.IsBlocked(context))
            {
                return new Outcome(null, StatusCodes.Status429TooManyRequests, "Too many refused tokens came from this address; wait a minute.");
            }

            failures.RecordFailure(context);
            return new Outcome(null, StatusCodes.Status401Unauthorized, reason);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.Of(user!, CookieAuthenticationDefaults.AuthenticationScheme));
        await audit.RecordAsync(user!.Id, "user.signed-in", "user", user.Id, null, cancellationToken);
        return new Outcome(user, StatusCodes.Status200OK, "signed in");
    }
}
