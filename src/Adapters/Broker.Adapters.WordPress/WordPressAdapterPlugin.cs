using Broker.Adapters;
using Broker.Adapters.Http;
using Broker.Adapters.WordPress;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

[assembly: BrokerAdapter(typeof(WordPressAdapterPlugin))]

namespace Broker.Adapters.WordPress;

/// <summary>The WordPress plugin's entry point: the adapter, its settings from <c>Platforms:WordPress</c> and its HTTP client.</summary>
public sealed class WordPressAdapterPlugin : IAdapterPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAdapterOptions(configuration, WordPressOptions.Section, new WordPressOptionsValidator(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient<WordPressOptions>(WordPressAdapter.HttpClientName, options => options.Http);
        services.AddSingleton<IChannelAdapter>(sp => new WordPressAdapter(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<WordPressOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<WordPressAdapter>>() ?? NullLogger<WordPressAdapter>.Instance));
    }
}
