using Broker.Adapters.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Instagram;

/// <summary>Registers the Instagram adapter.</summary>
public static class InstagramServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Instagram adapter as an <see cref="IChannelAdapter"/> and Instagram Login as its
    /// <see cref="IAccountConnector"/>, with settings from <c>Platforms:Instagram</c> of <paramref name="configuration"/>
    /// and the named HTTP client <c>instagram</c>.
    /// </summary>
    public static IServiceCollection AddInstagramAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InstagramTokenRefresher>();
        return services.AddGraphAdapter<InstagramAdapter, InstagramAccountConnector, InstagramOptions>(configuration, InstagramOptions.Section, InstagramAdapter.HttpClientName);
    }
}
