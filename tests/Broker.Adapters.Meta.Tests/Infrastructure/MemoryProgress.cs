using System.Collections.Concurrent;

namespace Broker.Adapters.Meta.Tests.Infrastructure;

/// <summary>Delivery progress kept in memory, standing in for the broker's durable store.</summary>
internal sealed class MemoryProgress : IDeliveryProgress
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => values;

    public string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        values[key] = value;
        return Task.CompletedTask;
    }
}
