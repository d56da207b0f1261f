namespace Broker.Storage;

/// <summary>Proves the store takes writes, for readiness (<c>/health/ready</c>): each provider does a real small write.</summary>
public interface IStorageProbe
{
    /// <summary>Writes a small record through the provider's normal write path and waits until it is durable; throws when it cannot.</summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
