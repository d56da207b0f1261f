using Broker.Adapters.Graph;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Adapters.Facebook;

/// <summary>Registers the Facebook adapter.</summary>
public static class FacebookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Facebook Pages adapter as an <see cref="IChannelAdapter"/> and Facebook Login as its
    /// <see cref="IAccountConnector"/>, with settings from <c>Platforms:Facebook</c> of <paramref name="configuration"/>
    /// and the named HTTP client <c>facebook</c>.
    /// </summary>
    public static IServiceCollection AddFacebookAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        return services.AddGraphAdapter<FacebookAdapter, FacebookAccountConnector, FacebookOptions>(configuration, FacebookOptions.Section, FacebookAdapter.HttpClientName);
    }
}
