namespace Broker.Channels;

/// <summary>Which adapter plugins to load (<c>Adapters</c> section).</summary>
public sealed class AdaptersOptions
{
    public const string Section = "Adapters";

    /// <summary>Assembly names of adapters deployed with the broker (the built-in ones).</summary>
    public List<string> Assemblies { get; set; } = [];

    /// <summary>A folder of third-party adapter plugins, each in its own sub-folder with its dependencies.</summary>
    public string? PluginsFolder { get; set; } = "plugins";
}
