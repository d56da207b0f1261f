using Broker.Adapters;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>An adapter's saved progress for one delivery, stored on the delivery itself.</summary>
internal sealed class DeliveryProgress(Delivery delivery, IDeliveryStore store, TimeProvider time) : IDeliveryProgress
{
    private readonly Lock sync = new();

    public string? Get(string key)
    {
        lock (sync)
        {
            return delivery.Progress.GetValueOrDefault(key);
        }
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            delivery.Progress[key] = value;
            delivery.UpdatedAt = time.GetUtcNow();
        }

        await store.UpdateAsync(delivery, cancellationToken);
    }
}
