using System.Security.Claims;

namespace Broker.Access;

internal static class Principals
{
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

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
