using System.Collections.Concurrent;

namespace Broker.Adapters.X.Tests.Contract;

/// <summary>A delivery's progress kept in memory (the broker stores it durably).</summary>
internal sealed class InMemoryProgress : IDeliveryProgress
{
    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        Values[key] = value;
        return Task.CompletedTask;
    }
}
