using Broker.Adapters;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>
/// An adapter's saved progress for one delivery, stored on the delivery itself, over the version the dispatcher holds
/// while the delivery is publishing (nothing else changes a publishing delivery in this process).
/// </summary>
internal sealed class DeliveryProgress(Delivery delivery, IStateChanges changes, TimeProvider time) : IDeliveryProgress
{
    private readonly SemaphoreSlim sync = new(1, 1);

    public string? Get(string key)
    {
        lock (delivery.Progress)
        {
            return delivery.Progress.GetValueOrDefault(key);
        }
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await sync.WaitAsync(cancellationToken);
        try
        {
            lock (delivery.Progress)
            {
                delivery.Progress[key] = value;
                delivery.UpdatedAt = time.GetUtcNow();
            }

            if (!await changes.CommitAsync(new StateChange().Update(delivery), cancellationToken))
            {
                throw new InvalidOperationException($"Delivery {delivery.Id} was changed by someone else while it was being published.");
            }
        }
        finally
        {
            sync.Release();
        }
    }
}
