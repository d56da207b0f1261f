namespace Broker.Sharing;

/// <summary>
/// One link's clicks on one day of the installation's time zone, rolled up when the day's clicks passed
/// <c>Privacy:ClickRetention</c> and were purged: what the reports keep once the clicks (and their visitor hashes) are gone.
/// </summary>
/// <param name="Visitors">Distinct visitors among the day's clicks on the link.</param>
/// <param name="Channels">Clicks per channel, at each channel's number in <see cref="ShareChannels.All"/>.</param>
public sealed record ClickDay(DateOnly Day, ShareLink Link, int Clicks, int Visitors, IReadOnlyList<int> Channels)
{
    /// <summary>The clicks of one channel.</summary>
    public int ClicksOn(int channel) => channel < Channels.Count ? Channels[channel] : 0;
}
