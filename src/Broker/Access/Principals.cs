using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Broker.Access;

internal static class Principals
{
    /// <summary>
    /// The start of the token's hash, like ASP.NET Identity's security stamp: a cookie carries it and is refused once
    /// the token is rotated. It is no secret (a prefix of a hash of 256 random bits), and the cookie is encrypted anyway.
    /// </summary>
    public static string TokenStamp(User user) => user.TokenHash[..Math.Min(16, user.TokenHash.Length)];

    public static ClaimsPrincipal Of(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, Roles.Name(user.Role)),
        };
        if (user.Opd is { } opd)
        {
            claims.Add(new Claim(BrokerClaims.Opd, opd));
        }

        if (user.AsnNip is { } nip)
        {
            claims.Add(new Claim(BrokerClaims.AsnNip, nip));
        }

        if (scheme == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            claims.Add(new Claim(BrokerClaims.TokenStamp, TokenStamp(user)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
