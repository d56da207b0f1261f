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

    /// <summary>Completes when woken (and takes the wake-up); a cancelled wait takes nothing.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => wake.WaitAsync(cancellationToken);
}
