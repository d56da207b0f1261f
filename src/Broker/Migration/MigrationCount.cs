namespace Broker.Migration;

/// <summary>One kind of stored thing, counted on both sides after the copy.</summary>
internal sealed record MigrationCount(string Kind, long LiteDb, long PostgreSql)
{
    public bool Matches => LiteDb == PostgreSql;
}
