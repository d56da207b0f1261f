using System.Security.Cryptography;
using System.Text;

namespace Broker.Accounts.Connect;

/// <summary>The random values of one flow: the <c>state</c>, and the PKCE verifier with its S256 challenge (RFC 7636).</summary>
internal static class PkceSecrets
{
    /// <summary>32 random bytes, base64url: 43 characters, as RFC 7636 recommends for a verifier.</summary>
    public static string NewRandom() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
