#if !ON_POSTGRESQL
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Broker.Adapters.X;
using Broker.Hosting;

namespace Broker.IntegrationTests.Configuration;

/// <summary>README's configuration table and the options classes name the same keys: none undocumented, none made up.</summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Keys the README documents that no options class binds: read by ASP.NET Core or by the broker directly.</summary>
    private static readonly string[] KeysOutsideOptions = ["Urls", "ConnectionStrings:Broker", "BROKER_ADMIN_TOKEN", "Logging:Console:FormatterName"];

    [Fact]
    public void The_readme_configuration_table_lists_every_key_of_every_options_class_and_no_other()
    {
        var documented = DocumentedKeys(File.ReadAllText(ReadmePath()));
        var bound = OptionsKeys();

        var undocumented = bound.Except(documented, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var nonexistent = documented.Except(bound, StringComparer.OrdinalIgnoreCase).Except(KeysOutsideOptions, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(
            undocumented.Count == 0 && nonexistent.Count == 0,
            $"README.md, \"Configuration\": {undocumented.Count} key(s) of the options classes are not in the table: {string.Join(", ", undocumented)}. "
            + $"{nonexistent.Count} key(s) in the table exist in no options class: {string.Join(", ", nonexistent)}.");
    }

    [Fact]
    public void The_table_reader_expands_shared_prefixes_and_platform_lists()
    {
        // "@@" for "##": a line that starts with '#' is read as a preprocessor directive where this file is compiled out.
        var keys = DocumentedKeys("""
            @@ Configuration
            | key | default | meaning |
            |---|---|---|
            | `Delivery:MaxAttempts`, `FirstRetryDelay` | 6, 30 s | retries |
            | `Platforms:{Facebook,X}:Http:RequestTimeout`, `:SafeRetries` | 30 s | http |
            | `Urls` | none | where |
            @@ Next
            | `Not:AKey` | | |
            """.Replace("@@", "##", StringComparison.Ordinal));

        Assert.Equal(
            ["Delivery:FirstRetryDelay", "Delivery:MaxAttempts", "Platforms:Facebook:Http:RequestTimeout", "Platforms:Facebook:Http:SafeRetries", "Platforms:X:Http:RequestTimeout", "Platforms:X:Http:SafeRetries", "Urls"],
            keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The keys in the first column of the table under "## Configuration". A cell may list several: a name without a
    /// section (<c>FirstRetryDelay</c>, <c>:GraphVersion</c>) shares the one before it; <c>{Facebook,X}</c> stands for each.
    /// </summary>
    private static HashSet<string> DocumentedKeys(string readme)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = readme.Split('\n').Select(l => l.Trim()).SkipWhile(l => l != "## Configuration").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        foreach (var row in lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cell = row.Split('|')[1];
            string? parent = null;
            foreach (Match name in Backticked().Matches(cell))
            {
                var text = name.Groups[1].Value;
                var key = parent is not null && (text.StartsWith(':') || !text.Contains(':', StringComparison.Ordinal)) ? $"{parent}:{text.TrimStart(':')}" : text;
                parent = key.Contains(':', StringComparison.Ordinal) ? key[..key.LastIndexOf(':')] : null;
                keys.UnionWith(Expand(key));
            }
        }

        return keys;
    }

    private static IEnumerable<string> Expand(string key)
    {
        var list = PlatformList().Match(key);
        return list.Success
            ? list.Groups[1].Value.Split(',').SelectMany(name => Expand(key.Replace(list.Value, name.Trim(), StringComparison.Ordinal)))
            : [key];
    }

    /// <summary>Every settable property of every options class (a type with a <c>Section</c> constant), nested settings as <c>Section:Nested:Key</c>.</summary>
    private static HashSet<string> OptionsKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in OptionsAssemblies().SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } section)
            {
                AddKeys(keys, (string)section.GetRawConstantValue()!, type);
            }
        }

        return keys;
    }

    private static void AddKeys(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0))
        {
            var key = $"{prefix}:{property.Name}";
            if (IsNestedOptions(property.PropertyType))
            {
                AddKeys(keys, key, property.PropertyType);
            }
            else
            {
                keys.Add(key);
            }
        }
    }

    private static bool IsNestedOptions(Type type) => type.IsClass && type.Assembly.GetName().Name!.StartsWith("Broker", StringComparison.Ordinal);

    /// <summary>The host, the built-in adapters, and the WordPress plugin, which the host never references (built beside the tests).</summary>
    private static IEnumerable<Assembly> OptionsAssemblies()
    {
        yield return typeof(BrokerOptions).Assembly;
        yield return typeof(FacebookOptions).Assembly;
        yield return typeof(InstagramOptions).Assembly;
        yield return typeof(XAdapterOptions).Assembly;
        var wordPress = Path.Combine(AppContext.BaseDirectory, "plugin-builds", "Broker.Adapters.WordPress", "Broker.Adapters.WordPress.dll");
        yield return new AssemblyLoadContext("configuration-table", isCollectible: true).LoadFromAssemblyPath(wordPress);
    }

    private static string ReadmePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Broker.sln")))
            {
                return Path.Combine(folder.FullName, "README.md");
            }
        }

        throw new FileNotFoundException("No Broker.sln above the test's folder, so no README.md.");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex PlatformList();
}
#endif
