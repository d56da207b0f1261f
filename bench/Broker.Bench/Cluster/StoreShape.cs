namespace Broker.Bench.Cluster;

/// <summary>One column of the comparison: a store and how many broker nodes share it.</summary>
internal sealed record StoreShape(bool PostgreSql, int Nodes)
{
    public static readonly IReadOnlyList<StoreShape> Measured = [new(false, 1), new(true, 1), new(true, 2), new(true, 3)];

    /// <summary>Shapes that cannot run: one LiteDB file is owned by one process.</summary>
    public static readonly IReadOnlyList<StoreShape> Impossible = [new(false, 2), new(false, 3)];

    public const string NotPossible = "n/a: one process owns the file";

    public string Name => $"{(PostgreSql ? "PostgreSQL" : "LiteDB")}, {Nodes} node{(Nodes == 1 ? "" : "s")}";
}
