using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: Broker.Adapters.BrokerAdapter(typeof(Broker.Adapters.X.XAdapterPlugin))]

namespace Broker.Adapters.X;

/// <summary>The X adapter's plugin entry point.</summary>
public sealed class XAdapterPlugin : IAdapterPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) => services.AddXAdapter(configuration);
}
