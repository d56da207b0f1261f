using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.Http;

/// <summary>Registers an adapter's named <see cref="HttpClient"/> with <see cref="SafeRetryPolicy"/>.</summary>
public static class AdapterHttpClientExtensions
{
    /// <summary>Adds the named client <paramref name="name"/> with the safe-retry policy and the given options.</summary>
    public static IHttpClientBuilder AddAdapterHttpClient(this IServiceCollection services, string name, AdapterHttpOptions options)
    {
        return services
            .AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddPolicyHandler(request => SafeRetryPolicy.For(request, options));
    }

    /// <summary>
    /// Adds the named client <paramref name="name"/> with the safe-retry policy, its options taken from the adapter's
    /// validated <typeparamref name="TOptions"/> when the first request is made.
    /// </summary>
    public static IHttpClientBuilder AddAdapterHttpClient<TOptions>(this IServiceCollection services, string name, Func<TOptions, AdapterHttpOptions> http)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(http);
        return services
            .AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddPolicyHandler((provider, request) => SafeRetryPolicy.For(request, http(provider.GetRequiredService<IOptions<TOptions>>().Value)));
    }
}
