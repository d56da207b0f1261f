using System.Collections.Concurrent;
using Broker.Events;

namespace Broker.IntegrationTests.Events;

/// <summary>A consumer that keeps what it is handed, in order; it fails while <see cref="FailuresLeft"/> is above zero.</summary>
public class RecordingConsumer : IEventConsumer
{
    private readonly ConcurrentQueue<DomainEvent> received = new();
    private int failuresLeft;

    public virtual string Name => "recording";

    public int FailuresLeft
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    public IReadOnlyList<DomainEvent> Received => [.. received];

    public IReadOnlyList<DomainEvent> Of(string objectId) => [.. received.Where(e => e.ObjectId == objectId)];

    public Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The consumer is down.");
        }

        Interlocked.Exchange(ref failuresLeft, 0);
        received.Enqueue(domainEvent);
        return Task.CompletedTask;
    }
}

public sealed class FlakyConsumer : RecordingConsumer
{
    public override string Name => "flaky";
}
