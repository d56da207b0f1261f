using System.Security.Cryptography;
using System.Text;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>
/// Who clicked, for unique counts, without keeping who it was: an HMAC of the address and browser under an
/// installation-wide secret salt. The address itself is never stored.
/// </summary>
public sealed class VisitorHash(IInstallationSecrets secrets)
{
    private byte[]? salt;

    public async Task LoadAsync(CancellationToken cancellationToken) => salt = await secrets.GetOrCreateAsync("visitor-salt", 32, cancellationToken);

    public string Of(HttpContext context)
    {
        var key = salt ?? throw new InvalidOperationException("The visitor salt is not loaded yet.");
        var visitor = $"{context.Connection.RemoteIpAddress}|{context.Request.Headers.UserAgent}";
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(visitor), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
