using System.Threading.Channels;

namespace Broker.Events;

/// <summary>
/// Wakes the outbox dispatcher's consumers right after a commit that wrote events, so a single node hands an event on
/// without waiting for the next poll. A wake-up is a hint: the slow poll still finds what a missed one left behind.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Lock gate = new();
    private ChannelWriter<bool>[] listeners = [];

    /// <summary>A reader that becomes readable after the next <see cref="Notify"/> (several notifications fold into one).</summary>
    public ChannelReader<bool> Listen()
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (gate)
        {
            listeners = [.. listeners, channel.Writer];
        }

        return channel.Reader;
    }

    public void Notify()
    {
        foreach (var listener in listeners)
        {
            listener.TryWrite(true);
        }
    }
}
