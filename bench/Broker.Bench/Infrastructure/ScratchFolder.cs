namespace Broker.Bench.Infrastructure;

/// <summary>A temporary folder for one scenario's LiteDB file and key ring, deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string name) => Path = Directory.CreateTempSubdirectory("broker-bench-" + name + "-").FullName;

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, "broker.db");

    public string Keys => System.IO.Path.Combine(Path, "keys");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; /tmp is cleaned eventually.
        }
    }
}
