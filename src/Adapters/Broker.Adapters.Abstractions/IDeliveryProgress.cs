namespace Broker.Adapters;

/// <summary>Small named values an adapter keeps for one delivery across attempts and restarts.</summary>
public interface IDeliveryProgress
{
    /// <summary>The value saved under <paramref name="key"/>, or <c>null</c>.</summary>
    string? Get(string key);

    /// <summary>Saves <paramref name="value"/> under <paramref name="key"/> durably before returning.</summary>
    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
