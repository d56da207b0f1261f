namespace Broker.Accounts;

/// <summary>An OPD (Organisasi Perangkat Daerah): a government agency, or Diskominfo itself. Its code is its id.</summary>
public sealed class Opd
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
