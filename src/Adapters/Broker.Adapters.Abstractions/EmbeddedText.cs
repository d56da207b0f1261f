using System.Reflection;

namespace Broker.Adapters;

/// <summary>Reads a text file a plugin ships inside its assembly, such as its default template (<see cref="IChannelAdapter.DefaultTemplate"/>).</summary>
public static class EmbeddedText
{
    /// <summary>
    /// The UTF-8 text of the manifest resource <paramref name="name"/> of <paramref name="assembly"/>; throws naming the
    /// resource when it is missing, so a plugin built without it fails at start, not at the first post.
    /// </summary>
    public static string Read(Assembly assembly, string name)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The assembly '{assembly.GetName().Name}' has no embedded resource '{name}'; give it <EmbeddedResource Include=\"...\" LogicalName=\"{name}\" />.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
