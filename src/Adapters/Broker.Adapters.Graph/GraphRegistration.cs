using Broker.Adapters.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Adapters.Graph;

/// <summary>The registration steps both Meta adapters share.</summary>
public static class GraphRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked at start (every problem at once), adds
    /// the named HTTP client with the safe-retry policy and a default <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddGraphPlatform<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        string httpClientName)
        where TOptions : GraphPlatformOptions, new()
    {
        services.AddAdapterOptions(configuration, section, new GraphPlatformOptionsValidator<TOptions>(section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient<TOptions>(httpClientName, options => options.Http);
        return services;
    }

    /// <summary>
    /// Registers a Meta adapter: its options and HTTP client (as <see cref="AddGraphPlatform{TOptions}"/>) and the adapter
    /// itself as an <see cref="IChannelAdapter"/> singleton built with those options.
    /// </summary>
    public static IServiceCollection AddGraphAdapter<TAdapter, TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        string httpClientName)
        where TAdapter : class, IChannelAdapter
        where TOptions : GraphPlatformOptions, new()
    {
        services.AddGraphPlatform<TOptions>(configuration, section, httpClientName);
        services.AddSingleton<IChannelAdapter>(provider => ActivatorUtilities.CreateInstance<TAdapter>(provider, provider.GetRequiredService<TOptions>()));
        return services;
    }

    /// <summary>
    /// Registers a Meta adapter as <see cref="AddGraphAdapter{TAdapter, TOptions}"/> does, plus its
    /// <see cref="IAccountConnector"/> (the platform's login) built with the same options.
    /// </summary>
    public static IServiceCollection AddGraphAdapter<TAdapter, TConnector, TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        string httpClientName)
        where TAdapter : class, IChannelAdapter
        where TConnector : class, IAccountConnector
        where TOptions : GraphPlatformOptions, new()
    {
        services.AddGraphAdapter<TAdapter, TOptions>(configuration, section, httpClientName);
        services.AddSingleton<IAccountConnector>(provider => ActivatorUtilities.CreateInstance<TConnector>(provider));
        return services;
    }

    /// <summary>The problems of a Meta account id (a Page id or an Instagram user id): Graph ids are digits.</summary>
    public static IReadOnlyList<string> CheckDigitsId(string externalId, string what) =>
        UrlSegment.IsDigits(externalId) ? [] : [$"externalId must be the {what}: digits only (1 to 32), as the platform shows it."];

    /// <summary>The credential problems of a Meta account: only <c>accessToken</c> is needed.</summary>
    public static IReadOnlyList<string> CheckAccessToken(IReadOnlyDictionary<string, string> credentials, string platformName)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.TryGetValue("accessToken", out var token) && !string.IsNullOrWhiteSpace(token)
            ? []
            : [$"A {platformName} account needs an access token (the accessToken field)."];
    }
}
