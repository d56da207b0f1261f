using Broker.Adapters.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Adapters.Graph;

/// <summary>The registration steps both Meta adapters share.</summary>
public static class GraphRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, fails at start-up on bad settings, adds the
    /// named HTTP client with the safe-retry policy and a default <see cref="TimeProvider"/>.
    /// </summary>
    public static TOptions AddGraphPlatform<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        string httpClientName)
        where TOptions : GraphPlatformOptions, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var problems = options.Problems(section).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddAdapterHttpClient(httpClientName, options.Http);
        return options;
    }

    /// <summary>The credential problems of a Meta account: only <c>accessToken</c> is needed.</summary>
    public static IReadOnlyList<string> CheckAccessToken(IReadOnlyDictionary<string, string> credentials, string platformName)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.TryGetValue("accessToken", out var token) && !string.IsNullOrWhiteSpace(token)
            ? []
            : [$"A {platformName} account needs an access token (the accessToken field)."];
    }
}
