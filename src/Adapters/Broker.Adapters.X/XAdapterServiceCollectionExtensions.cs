using Broker.Adapters.Http;
using Broker.Adapters.X.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Broker.Adapters.X;

/// <summary>Plugs the X adapter into a host.</summary>
public static class XAdapterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the X adapter (an <see cref="IChannelAdapter"/> singleton), its options from <c>Platforms:X</c>
    /// (checked at start), its named HTTP client with the safe-retry policy, <see cref="XOAuth2Client"/> and the OAuth 2.0
    /// <see cref="IAccountConnector"/> for connecting accounts.
    /// </summary>
    public static IServiceCollection AddXAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAdapterOptions(configuration, XAdapterOptions.Section, new XAdapterOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient<XAdapterOptions>(XAdapterOptions.HttpClientName, options => options.Http);
        services.TryAddSingleton(sp => new XOAuth2Client(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<XAdapterOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAccountConnector>(sp => new XAccountConnector(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<XAdapterOptions>(),
            sp.GetRequiredService<XOAuth2Client>(),
            sp.GetService<ILogger<XAccountConnector>>() ?? NullLogger<XAccountConnector>.Instance));
        services.AddSingleton<IChannelAdapter>(sp => new XAdapter(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<XAdapterOptions>(),
            sp.GetRequiredService<XOAuth2Client>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<XAdapter>>() ?? NullLogger<XAdapter>.Instance));
        return services;
    }
}
