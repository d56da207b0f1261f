using Broker.Adapters;
using Broker.Adapters.Instagram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: BrokerAdapter(typeof(InstagramAdapterPlugin))]

namespace Broker.Adapters.Instagram;

/// <summary>The Instagram adapter's plugin entry point.</summary>
public sealed class InstagramAdapterPlugin : IAdapterPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddInstagramAdapter(configuration);
}
