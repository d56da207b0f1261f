using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters;

/// <summary>An adapter's registration entry point, called once at start-up.</summary>
public interface IAdapterPlugin
{
    /// <summary>
    /// Registers the adapter: at least one <see cref="IChannelAdapter"/> singleton, plus its HTTP clients and options.
    /// Read settings from <c>Platforms:{Name}</c> of <paramref name="configuration"/>.
    /// </summary>
    void Register(IServiceCollection services, IConfiguration configuration);
}
