using System.Security.Cryptography;
using System.Text;

namespace Broker.Access;

/// <summary>Bearer tokens: 256 random bits, URL-safe, with a prefix that makes a leaked one easy to spot and scan for.</summary>
public static class AccessTokens
{
    public const string Prefix = "brk_";

    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
