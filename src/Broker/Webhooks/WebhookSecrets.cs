using System.Security.Cryptography;
using Broker.Accounts;

namespace Broker.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and the base64 of 24 to 64 random bytes; kept encrypted.</summary>
public sealed class WebhookSecrets(CredentialProtector protector)
{
    private const string Prefix = "whsec_";
    private const string Key = "secret";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Why a secret given by the caller will not do, or null when it will.</summary>
    public static string? WhyRefused(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "secret must start with whsec_ followed by the base64 of 24 to 64 random bytes (leave it out to have one made).";
        }

        var bytes = new byte[96];
        return Convert.TryFromBase64String(secret[Prefix.Length..], bytes, out var length) && length is >= 24 and <= 64
            ? null
            : "secret must be whsec_ followed by the base64 of 24 to 64 random bytes.";
    }

    public string Protect(string secret) => protector.Protect(new Dictionary<string, string> { [Key] = secret });

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret)[Key];
}
