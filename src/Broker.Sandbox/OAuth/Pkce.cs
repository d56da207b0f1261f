using System.Security.Cryptography;
using System.Text;

namespace Broker.Sandbox.OAuth;

/// <summary>RFC 7636: a verifier matches its challenge when base64url(SHA-256(verifier)) equals it (S256), or itself (plain).</summary>
internal static class Pkce
{
    public static bool Verifies(string? verifier, string? challenge, string? method)
    {
        if (string.IsNullOrEmpty(verifier) || string.IsNullOrEmpty(challenge) || verifier.Length is < 43 or > 128)
        {
            return false;
        }

        var expected = method == "plain" ? verifier : Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
