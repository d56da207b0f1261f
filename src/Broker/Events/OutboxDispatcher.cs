namespace Broker.Events;

/// <summary>
/// Hands the outbox's events to every <see cref="IEventConsumer"/>, each in its own loop with its own durable cursor
/// (<see cref="ConsumerDispatch"/>): at least once, in outbox order (so in order per object). One failing consumer is
/// retried while the others go on (as Serilog's SafeAggregateSink keeps one broken sink from the rest), and publishing
/// never waits on any of it: events are only read here. After a crash a consumer sees again at most the events after its
/// last acknowledgement.
/// </summary>
internal sealed class OutboxDispatcher(IEnumerable<IEventConsumer> consumers, IServiceProvider services) : IHostedService, IDisposable
{
    private readonly List<ConsumerDispatch> loops = [.. consumers.Select(c => ActivatorUtilities.CreateInstance<ConsumerDispatch>(services, c))];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var loop in loops)
        {
            await loop.StartAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(loops.Select(l => l.StopAsync(cancellationToken)));

    public void Dispose()
    {
        foreach (var loop in loops)
        {
            loop.Dispose();
        }
    }
}
