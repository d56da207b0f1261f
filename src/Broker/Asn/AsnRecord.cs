namespace Broker.Asn;

/// <summary>A civil servant (ASN) in the directory, keyed by their 18-digit NIP.</summary>
public sealed class AsnRecord
{
    /// <summary>The NIP (Nomor Induk Pegawai).</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Opd { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeactivatedAt { get; set; }
}
