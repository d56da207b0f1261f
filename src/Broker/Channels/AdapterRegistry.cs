using Broker.Adapters;

namespace Broker.Channels;

/// <summary>The loaded adapters by platform name. The host knows platforms only through this.</summary>
public sealed class AdapterRegistry(IEnumerable<IChannelAdapter> adapters)
{
    private readonly Dictionary<string, IChannelAdapter> byPlatform =
        adapters.ToDictionary(a => a.Platform, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Platforms => byPlatform.Keys;

    public IChannelAdapter? Find(string platform) => byPlatform.GetValueOrDefault(platform);
}
