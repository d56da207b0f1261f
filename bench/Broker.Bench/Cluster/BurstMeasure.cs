namespace Broker.Bench.Cluster;

/// <summary>A burst due at once through one shape: its rate, and CPU and bytes written per delivery, the broker's and the server's apart.</summary>
internal sealed record BurstMeasure(
    StoreShape Shape,
    int Deliveries,
    int Published,
    bool Complete,
    TimeSpan AllPublished,
    TimeSpan BrokerCpu,
    TimeSpan ServerCpu,
    long WrittenBytes,
    long WalBytes)
{
    public double PerSecond => Published / Math.Max(AllPublished.TotalSeconds, 1e-3);

    public TimeSpan BrokerCpuPerDelivery => BrokerCpu / Math.Max(Published, 1);

    public TimeSpan ServerCpuPerDelivery => ServerCpu / Math.Max(Published, 1);

    public long WrittenPerDelivery => WrittenBytes / Math.Max(Published, 1);

    public long WalPerDelivery => WalBytes / Math.Max(Published, 1);
}
