namespace Broker.Bench;

/// <summary>Figures one section measured that another shows as its reference.</summary>
internal sealed class RunMemo
{
    /// <summary>The uninterrupted burst: deliveries and the time until all were published.</summary>
    public (int Deliveries, TimeSpan AllPublished)? Burst { get; set; }

    /// <summary>Start-up with an empty database.</summary>
    public Infrastructure.StartTimes? EmptyStart { get; set; }
}
