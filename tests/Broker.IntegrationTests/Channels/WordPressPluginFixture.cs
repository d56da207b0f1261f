#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Channels;

/// <summary>
/// One broker with the WordPress plugin installed as an operator installs it: the plugin's build output (built beside
/// this project, never referenced: see the csproj) copied into a plugins folder, and its sites allowed in configuration.
/// The host is the unchanged broker. Shared by the class's tests, each with a WordPress user of its own.
/// </summary>
public sealed class WordPressPluginFixture : IAsyncLifetime
{
    public const string PluginName = "Broker.Adapters.WordPress";

    public string PluginsFolder { get; } = Directory.CreateTempSubdirectory("broker-plugins-").FullName;

    public string PluginFolder => Path.Combine(PluginsFolder, PluginName);

    public Scenario Scenario { get; private set; } = null!;

    /// <summary>The sandbox's WordPress site, the one site accounts may publish to.</summary>
    public string Site { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var build = Path.Combine(AppContext.BaseDirectory, "plugin-builds", PluginName);
        Assert.True(File.Exists(Path.Combine(build, PluginName + ".dll")), $"The plugin's build output is missing from {build}.");
        Directory.CreateDirectory(PluginFolder);
        foreach (var file in Directory.EnumerateFiles(build))
        {
            File.Copy(file, Path.Combine(PluginFolder, Path.GetFileName(file)));
        }

        Scenario = await Scenario.StartAsync(configure: s =>
        {
            // The sandbox's address is known only once it runs: its WordPress site sits beside its X API.
            Site = new Uri(new Uri(s["Platforms:X:BaseUrl"]!), "/wordpress").ToString();
            s["Adapters:PluginsFolder"] = PluginsFolder;
            s["Platforms:WordPress:AllowedBaseUrls:0"] = Site;
            s["Platforms:WordPress:Http:RequestTimeout"] = "00:00:02";
            s["Delivery:FirstRetryDelay"] = "00:00:00.100";
            s["Delivery:MaxRetryDelay"] = "00:00:00.500";
        });
        await Scenario.CreateOpdAsync();
    }

    /// <summary>A WordPress account of the OPD for <paramref name="user"/>, on the sandbox site, with an Application Password.</summary>
    public async Task<string> CreateAccountAsync(string user, string password, string? categories = null, string? tags = null)
    {
        Scenario.Sandbox.State.RegisterWordPressPassword(user, password);
        var credentials = new Dictionary<string, string> { ["applicationPassword"] = password };
        if (categories is not null)
        {
            credentials["categories"] = categories;
        }

        if (tags is not null)
        {
            credentials["tags"] = tags;
        }

        var body = await Scenario.Api.PostExpectAsync(
            "/api/accounts",
            new { opd = "diskominfo", platform = "wordpress", name = "Portal " + user, externalId = user, credentials, apiBaseUrl = Site },
            201);
        return body.Str("id");
    }

    public async Task DisposeAsync()
    {
        await Scenario.DisposeAsync();
        Directory.Delete(PluginsFolder, recursive: true);
    }
}
#endif
