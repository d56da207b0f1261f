using Broker.Channels;
using Microsoft.Extensions.Options;
using Scriban;

namespace Broker.Rendering;

/// <summary>
/// The parsed templates, loaded once at start-up: <c>{platform}.sbn</c> at the top of the templates folder, and
/// per-OPD overrides in <c>opd/{code}/{platform}.sbn</c>. Other templates (such as <c>share.sbn</c>) are found by name.
/// A platform without a template in the folder uses the one its plugin ships (<see cref="Adapters.IChannelAdapter.DefaultTemplate"/>).
/// </summary>
public sealed class TemplateCatalog(IOptions<RenderingOptions> options, AdapterRegistry adapters)
{
    private Dictionary<string, Template> templates = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, Template> defaults = new(StringComparer.OrdinalIgnoreCase);

    public string Folder { get; } = Path.GetFullPath(options.Value.TemplatesPath, AppContext.BaseDirectory);

    /// <summary>Parses every template; throws <see cref="TemplateLoadException"/> naming each error's file, line and column.</summary>
    public void Load()
    {
        if (!Directory.Exists(Folder))
        {
            throw new TemplateLoadException($"The templates folder '{Folder}' does not exist (Rendering:TemplatesPath).");
        }

        var loaded = new Dictionary<string, Template>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.sbn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var template = Template.Parse(File.ReadAllText(path), path);
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(m => m.ToString()));
                continue;
            }

            loaded[KeyOf(path)] = template;
        }

        var shipped = LoadDefaults(errors);
        if (errors.Count > 0)
        {
            throw new TemplateLoadException("Broken template(s): " + string.Join("; ", errors));
        }

        templates = loaded;
        defaults = shipped;
    }

    private Dictionary<string, Template> LoadDefaults(List<string> errors)
    {
        var shipped = new Dictionary<string, Template>(StringComparer.OrdinalIgnoreCase);
        foreach (var platform in adapters.Platforms)
        {
            if (adapters.Find(platform)?.DefaultTemplate is not { } text)
            {
                continue;
            }

            var template = Template.Parse(text, $"{platform} plugin's default template");
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(m => m.ToString()));
                continue;
            }

            shipped[platform] = template;
        }

        return shipped;
    }

    /// <summary>The template for a platform (or another name): the OPD's own, else the folder's, else the plugin's.</summary>
    public Template? Find(string name, string? opd = null)
    {
        if (opd is not null && templates.TryGetValue($"opd/{opd}/{name}", out var own))
        {
            return own;
        }

        return templates.GetValueOrDefault(name) ?? defaults.GetValueOrDefault(name);
    }

    private string KeyOf(string path)
    {
        var relative = Path.GetRelativePath(Folder, path).Replace('\\', '/');
        return relative[..^".sbn".Length];
    }
}
