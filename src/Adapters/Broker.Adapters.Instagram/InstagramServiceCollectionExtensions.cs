using Broker.Adapters.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.Instagram;

/// <summary>Registers the Instagram adapter.</summary>
public static class InstagramServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Instagram adapter as an <see cref="IChannelAdapter"/>, with settings from <c>Platforms:Instagram</c>
    /// of <paramref name="configuration"/> and the named HTTP client <c>instagram</c>.
    /// </summary>
    public static IServiceCollection AddInstagramAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddGraphPlatform<InstagramOptions>(configuration, InstagramOptions.Section, InstagramAdapter.HttpClientName);
        services.AddSingleton<IChannelAdapter>(provider => new InstagramAdapter(
            provider.GetRequiredService<IHttpClientFactory>(),
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<InstagramAdapter>>()));
        return services;
    }
}
