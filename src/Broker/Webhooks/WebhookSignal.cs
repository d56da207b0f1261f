namespace Broker.Webhooks;

/// <summary>Wakes the sender when messages were queued or replayed, so they go at once rather than at the next poll.</summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Notify()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var poll = Task.Delay(timeout, time, cancellationToken);
        var woken = wake.WaitAsync(cancellationToken);
        return Task.WhenAny(poll, woken).ContinueWith(t => t.Result == woken, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
