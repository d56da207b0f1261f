using System.Threading.Channels;

namespace Broker.Notifications;

/// <summary>Wakes the worker when a notification was enqueued, so it need not wait for its next poll.</summary>
public sealed class NotificationSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => channel.Writer.TryWrite(true);

    /// <summary>Completes when woken (and takes the wake-up).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await channel.Reader.ReadAsync(cancellationToken);
    }
}
