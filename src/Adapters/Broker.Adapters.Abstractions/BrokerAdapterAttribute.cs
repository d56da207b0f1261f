namespace Broker.Adapters;

/// <summary>
/// Declares an adapter assembly's one entry point, so the broker can load it as a plugin without scanning types.
/// <code>[assembly: BrokerAdapter(typeof(MyPlatformAdapterPlugin))]</code>
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class BrokerAdapterAttribute(Type pluginType) : Attribute
{
    /// <summary>A type implementing <see cref="IAdapterPlugin"/> with a public parameterless constructor.</summary>
    public Type PluginType { get; } = pluginType;
}
