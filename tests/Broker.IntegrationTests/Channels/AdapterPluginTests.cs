using Broker.Channels;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Channels;

public sealed class AdapterPluginTests
{
    [Fact]
    public async Task An_adapter_dropped_into_the_plugins_folder_is_loaded_without_being_named_in_configuration()
    {
        var plugins = Directory.CreateTempSubdirectory("broker-plugins-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(plugins, "Broker.Adapters.X")).FullName;
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Broker.Adapters.X.dll"), Path.Combine(folder, "Broker.Adapters.X.dll"));
            await using var scenario = await Scenario.StartAsync(configure: s =>
            {
                s["Adapters:Assemblies:2"] = null;
                s["Adapters:PluginsFolder"] = plugins;
            });

            var registry = scenario.Broker.Services.GetRequiredService<AdapterRegistry>();
            Assert.Equal(["facebook", "instagram", "x"], registry.Platforms.Order().ToArray());
            var adapterAssembly = registry.Find("x")!.GetType().Assembly;
            Assert.StartsWith(plugins, adapterAssembly.Location, StringComparison.Ordinal);

            await scenario.CreateOpdAsync();
            var x = await scenario.CreateAccountAsync("diskominfo", "x", "2244994945");
            var id = await scenario.SubmitItemAsync("diskominfo", [x]);
            await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
            await scenario.WaitForItemStatusAsync(id, "published");
            Assert.Single(scenario.Sandbox.State.Posts("x"));
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public async Task Without_an_adapter_for_a_platform_its_accounts_are_refused_with_the_known_platforms()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Adapters:Assemblies:2"] = null);
        await scenario.CreateOpdAsync();
        var refused = await scenario.Api.PostExpectAsync("/api/accounts", new { opd = "diskominfo", platform = "x", name = "X", externalId = "1", credentials = new { accessToken = "t" } }, 400);
        Assert.Contains("facebook, instagram", refused["errors"]!["platform"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
