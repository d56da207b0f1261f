using System.Reflection;
using Broker.Adapters;

namespace Broker.Channels;

/// <summary>
/// Finds adapter plugins: the assemblies named in <c>Adapters:Assemblies</c>, and every <c>*.dll</c> in a sub-folder
/// of <c>Adapters:PluginsFolder</c> that declares <see cref="BrokerAdapterAttribute"/>. Each declares its one entry
/// point; nothing scans for types.
/// </summary>
internal static class AdapterPlugins
{
    public static IReadOnlyList<IAdapterPlugin> Discover(AdaptersOptions options, string contentRoot)
    {
        var assemblies = options.Assemblies
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => Assembly.Load(new AssemblyName(name)))
            .ToList();
        if (!string.IsNullOrWhiteSpace(options.PluginsFolder))
        {
            var folder = Path.GetFullPath(options.PluginsFolder, contentRoot);
            if (Directory.Exists(folder))
            {
                assemblies.AddRange(FromFolder(folder));
            }
        }

        return [.. assemblies.Distinct().Select(EntryPoint)];
    }

    private static IEnumerable<Assembly> FromFolder(string folder)
    {
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var main = Path.Combine(directory, Path.GetFileName(directory) + ".dll");
            if (File.Exists(main))
            {
                yield return new PluginLoadContext(main).LoadFromAssemblyPath(main);
            }
        }
    }

    private static IAdapterPlugin EntryPoint(Assembly assembly)
    {
        var declared = assembly.GetCustomAttribute<BrokerAdapterAttribute>()
            ?? throw new InvalidOperationException($"Assembly '{assembly.GetName().Name}' is listed as an adapter but has no [assembly: BrokerAdapter(...)] entry point.");
        return Activator.CreateInstance(declared.PluginType) as IAdapterPlugin
            ?? throw new InvalidOperationException($"{declared.PluginType} in '{assembly.GetName().Name}' does not implement IAdapterPlugin.");
    }
}
