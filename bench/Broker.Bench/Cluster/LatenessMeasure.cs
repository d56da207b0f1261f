using Broker.Bench.Infrastructure;

namespace Broker.Bench.Cluster;

/// <summary>Deliveries due evenly over a window through one shape: lateness (due → platform call), what it cost, and the start.</summary>
internal sealed record LatenessMeasure(
    StoreShape Shape,
    Percentiles Lateness,
    int Unpublished,
    int DueBeforeReady,
    TimeSpan BrokerCpuPerDelivery,
    TimeSpan ServerCpuPerDelivery,
    double Throughput,
    TimeSpan AllNodesReady);
