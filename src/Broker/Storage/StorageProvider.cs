namespace Broker.Storage;

/// <summary>Where the broker keeps its state (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One LiteDB file on this machine: one node, nothing to install (the default).</summary>
    LiteDb,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:Broker</c>) shared by one or more nodes.</summary>
    PostgreSql,
}
