using Microsoft.Extensions.DependencyInjection;

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
}
