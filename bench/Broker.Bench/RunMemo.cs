namespace Broker.Bench;

/// <summary>Figures one section measured that another shows as its reference.</summary>
internal sealed class RunMemo
{
    /// <summary>The last uninterrupted burst: its size and its deliveries per second.</summary>
    public (int Deliveries, double PerSecond)? Burst { get; set; }

    /// <summary>Start-up with an empty database.</summary>
    public Infrastructure.StartTimes? EmptyStart { get; set; }
}
