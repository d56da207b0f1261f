using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>
/// Who clicked, for unique counts, without keeping who it was: an HMAC of the address and browser under an
/// installation-wide secret salt, its first 16 bytes kept. The address itself is never stored.
/// </summary>
public sealed class VisitorHash(IInstallationSecrets secrets) : IDisposable
{
    private const int OnStack = 512;

    // One HMAC keyed with the salt per thread, reset after each use: keying a new one per click cost twice the hashing.
    private ThreadLocal<IncrementalHash>? hmacs;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var salt = await secrets.GetOrCreateAsync("visitor-salt", 32, cancellationToken);
        hmacs ??= new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, salt), trackAllValues: true);
    }

    /// <summary>The visitor of a request: the HMAC of <c>{address}|{user agent}</c> in UTF-8.</summary>
    public UInt128 Of(HttpContext context)
    {
        var hmac = (hmacs ?? throw new InvalidOperationException("The visitor salt is not loaded yet.")).Value!;
        var agents = context.Request.Headers.UserAgent;
        var agent = agents.Count == 1 ? agents[0] ?? "" : agents.ToString();

        // An address in text is at most 45 characters (IPv6 with an IPv4 tail, plus a scope); the agent is the rest.
        Span<char> address = stackalloc char[64];
        var written = 0;
        if (context.Connection.RemoteIpAddress is { } ip && !ip.TryFormat(address, out written))
        {
            written = 0;
        }

        var length = Encoding.UTF8.GetMaxByteCount(written + 1 + agent.Length);
        var rented = length > OnStack ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> text = rented is null ? stackalloc byte[OnStack] : rented;
            var size = Encoding.UTF8.GetBytes(address[..written], text);
            text[size++] = (byte)'|';
            size += Encoding.UTF8.GetBytes(agent, text[size..]);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.AppendData(text[..size]);
            hmac.GetHashAndReset(hash);
            return BinaryPrimitives.ReadUInt128BigEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
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
