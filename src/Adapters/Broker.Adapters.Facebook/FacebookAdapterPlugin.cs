using Broker.Adapters;
using Broker.Adapters.Facebook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: BrokerAdapter(typeof(FacebookAdapterPlugin))]

namespace Broker.Adapters.Facebook;

/// <summary>The Facebook adapter's plugin entry point.</summary>
public sealed class FacebookAdapterPlugin : IAdapterPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddFacebookAdapter(configuration);
}
