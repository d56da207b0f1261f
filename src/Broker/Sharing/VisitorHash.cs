using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>
/// Who clicked, for unique counts, without keeping who it was: an HMAC of the client's address under an
/// installation-wide secret salt, its first 16 bytes kept. The address itself is never stored. Nothing the visitor
/// chooses (a User-Agent, a cookie) goes in, so changing one does not make a new visitor. An IPv6 client counts by its
/// /64 network, the block one household or phone gets, since it can pick any address inside it.
/// </summary>
public sealed class VisitorHash(IInstallationSecrets secrets) : IDisposable
{
    /// <summary>An IPv6 address's first 8 bytes: its /64 network.</summary>
    private const int Ipv6Network = 8;

    // One HMAC keyed with the salt per thread, reset after each use: keying a new one per click cost twice the hashing.
    private ThreadLocal<IncrementalHash>? hmacs;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var salt = await secrets.GetOrCreateAsync("visitor-salt", 32, cancellationToken);
        hmacs ??= new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, salt), trackAllValues: true);
    }

    /// <summary>The visitor of a request: its client address (after a known proxy's forwarded header).</summary>
    public UInt128 Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    /// <summary>The HMAC of the address's bytes: 4 for IPv4 (also when mapped into IPv6), the first 8 of IPv6.</summary>
    public UInt128 Of(IPAddress? address)
    {
        var hmac = (hmacs ?? throw new InvalidOperationException("The visitor salt is not loaded yet.")).Value!;
        Span<byte> bytes = stackalloc byte[16];
        var length = 0;
        if (address is not null && address.TryWriteBytes(bytes, out length) && length == 16)
        {
            if (address.IsIPv4MappedToIPv6)
            {
                bytes[12..16].CopyTo(bytes);
                length = 4;
            }
            else
            {
                length = Ipv6Network;
            }
        }

        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.AppendData(bytes[..length]);
        hmac.GetHashAndReset(hash);
        return BinaryPrimitives.ReadUInt128BigEndian(hash);
    }

    public void Dispose()
    {
        if (hmacs is not null)
        {
            foreach (var hmac in hmacs.Values)
            {
                hmac.Dispose();
            }

            hmacs.Dispose();
        }
    }
}
