namespace Broker.Sandbox.State;

public sealed partial class SandboxState
{
    private readonly Dictionary<string, (byte[] Content, string ContentType)> files = [];

    /// <summary>Stores a file that <c>GET /_sandbox/files/{id}</c> then serves (as public media URLs).</summary>
    public string AddFile(byte[] content, string contentType)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (gate)
        {
            files[id] = (content, contentType);
        }

        return id;
    }

    internal (byte[] Content, string ContentType)? FindFile(string id)
    {
        lock (gate)
        {
            return files.TryGetValue(id, out var file) ? file : null;
        }
    }

    private void ResetFiles() => files.Clear();
}
