using System.Security.Cryptography;
using System.Text;

namespace Broker.Accounts.Connect;

/// <summary>
/// Ties an OAuth connection to the browser that started it: a random value in an HttpOnly cookie, of which only the
/// hash is kept with the connection. The platform's callback (a cross-site top-level redirect, so SameSite=Lax still
/// sends the cookie) is accepted only from a browser that presents it, so nobody can finish a connection someone else
/// started (connection fixation). One value per browser serves every connection it starts.
/// </summary>
internal static class ConnectionBinding
{
    public const string CookieName = "broker.oauth";

    /// <summary>The hash of the browser's value, issuing the cookie first when the browser has none (or a malformed one).</summary>
    public static string Bind(HttpContext context, TimeSpan lifetime)
    {
        var value = Presented(context) ?? PkceSecrets.NewRandom();
        context.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = lifetime,
            IsEssential = true,
        });
        return Hash(value);
    }

    /// <summary>Whether the request presents the value whose hash is <paramref name="expectedHash"/>.</summary>
    public static bool Matches(HttpContext context, string? expectedHash) =>
        expectedHash is { Length: > 0 }
        && Presented(context) is { } value
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(value)), Encoding.ASCII.GetBytes(expectedHash));

    private static string? Presented(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? value
            : null;

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(value)));
}
