using System.Reflection;
using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Channels;

/// <summary>
/// The adapters to load are named as assemblies, never as paths: a path goes in <c>Adapters:PluginsFolder</c>. A blank
/// entry names nothing and is allowed.
/// </summary>
internal sealed class AdaptersOptionsValidator : IValidateOptions<AdaptersOptions>
{
    public ValidateOptionsResult Validate(string? name, AdaptersOptions options)
    {
        var problems = new OptionsProblems(AdaptersOptions.Section);
        for (var i = 0; i < options.Assemblies.Count; i++)
        {
            // A blank entry is one taken out (Adapters__Assemblies__2= in the environment): the loader skips it.
            if (!string.IsNullOrWhiteSpace(options.Assemblies[i]) && !IsAssemblyName(options.Assemblies[i]))
            {
                problems.Add($"{nameof(options.Assemblies)}:{i}", $"'{options.Assemblies[i]}' is not an assembly name such as Broker.Adapters.Facebook (no path, no .dll).");
            }
        }

        return problems.Result();
    }

    private static bool IsAssemblyName(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(['/', '\\']) >= 0 || value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return new AssemblyName(value).Name is { Length: > 0 };
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException)
        {
            return false;
        }
    }
}
