namespace Broker.Storage;

/// <summary>Random secrets made once per installation and shared by every node (for example the visitor-hash salt).</summary>
public interface IInstallationSecrets
{
    Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken);
}
