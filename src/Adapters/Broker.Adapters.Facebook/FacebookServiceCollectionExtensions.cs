using Broker.Adapters.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Facebook;

/// <summary>Registers the Facebook adapter.</summary>
public static class FacebookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Facebook Pages adapter as an <see cref="IChannelAdapter"/>, with settings from <c>Platforms:Facebook</c>
    /// of <paramref name="configuration"/> and the named HTTP client <c>facebook</c>.
    /// </summary>
    public static IServiceCollection AddFacebookAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddGraphPlatform<FacebookOptions>(configuration, FacebookOptions.Section, FacebookAdapter.HttpClientName);
        services.AddSingleton<IChannelAdapter>(provider => new FacebookAdapter(
            provider.GetRequiredService<IHttpClientFactory>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<FacebookAdapter>>()));
        return services;
    }
}
