using Microsoft.Extensions.Options;
using Scriban;

namespace Broker.Rendering;

/// <summary>
/// The parsed templates, loaded once at start-up: <c>{platform}.sbn</c> at the top of the templates folder, and
/// per-OPD overrides in <c>opd/{code}/{platform}.sbn</c>. Other templates (such as <c>share.sbn</c>) are found by name.
/// </summary>
public sealed class TemplateCatalog(IOptions<RenderingOptions> options)
{
    private Dictionary<string, Template> templates = new(StringComparer.OrdinalIgnoreCase);

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

        if (errors.Count > 0)
        {
            throw new TemplateLoadException("Broken template(s): " + string.Join("; ", errors));
        }

        templates = loaded;
    }

    /// <summary>The template for a platform, the OPD's own when it has one.</summary>
    public Template? Find(string name, string? opd = null)
    {
        if (opd is not null && templates.TryGetValue($"opd/{opd}/{name}", out var own))
        {
            return own;
        }

        return templates.GetValueOrDefault(name);
    }

    private string KeyOf(string path)
    {
        var relative = Path.GetRelativePath(Folder, path).Replace('\\', '/');
        return relative[..^".sbn".Length];
    }
}
