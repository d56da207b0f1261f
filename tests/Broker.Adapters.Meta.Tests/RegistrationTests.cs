using System.Reflection;
using Broker.Adapters.Facebook;
using Broker.Adapters.Instagram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.Meta.Tests;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData(typeof(FacebookAdapterPlugin), "facebook")]
    [InlineData(typeof(InstagramAdapterPlugin), "instagram")]
    public void Each_assembly_declares_its_plugin_and_the_plugin_registers_the_adapter(Type pluginType, string platform)
    {
        var declared = pluginType.Assembly.GetCustomAttribute<BrokerAdapterAttribute>();
        var services = new ServiceCollection().AddLogging();

        var plugin = (IAdapterPlugin)Activator.CreateInstance(declared!.PluginType)!;
        plugin.Register(services, new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Equal(platform, Assert.Single(provider.GetServices<IChannelAdapter>()).Platform);
    }

    [Fact]
    public void A_missing_graph_version_stops_the_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Platforms:Instagram:GraphVersion"] = " " })
            .Build();

        using var provider = new ServiceCollection().AddInstagramAdapter(configuration).BuildServiceProvider();

        // What the host runs at start (ValidateOnStart): the adapter's settings are checked then, not at registration.
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Platforms:Instagram:GraphVersion", exception.Message, StringComparison.Ordinal);
    }
}
