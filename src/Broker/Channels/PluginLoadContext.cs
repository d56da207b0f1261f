using System.Reflection;
using System.Runtime.Loader;

namespace Broker.Channels;

/// <summary>
/// Loads a plugin with its own dependencies, but shares the adapter contract and the framework with the host so the
/// plugin's types are the host's types. Any assembly the host can load (already loaded, or one of its own dependencies
/// not loaded yet) is the host's: a plugin never gets a second copy of a shared assembly, even one it shipped beside
/// its dll (docs/plugins.md says how to keep the abstractions out of a plugin's folder).
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath))
{
    private readonly AssemblyDependencyResolver resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), assemblyName)) || HostHas(assemblyName))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>Whether the host's own dependencies (its deps.json, the shared framework) hold the assembly.</summary>
    private static bool HostHas(AssemblyName assemblyName)
    {
        try
        {
            Default.LoadFromAssemblyName(assemblyName);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
