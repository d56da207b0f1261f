namespace Broker.Accounts;

/// <summary>An OPD (Organisasi Perangkat Daerah): a government agency, or Diskominfo itself. Its code is its id.</summary>
public sealed class Opd
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Raised by each rename: a rename names the version it read, and loses to any change since (compare-and-set).</summary>
    public long Version { get; set; }

    /// <summary>A copy the holder may change without changing this one (every member is a value or a string).</summary>
    public Opd Copy() => (Opd)MemberwiseClone();
}
