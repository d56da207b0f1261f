using Broker.Hosting;

namespace Broker.Dispatch.CircuitBreaker;

public static class CircuitBreakerExtensions
{
    /// <summary>One circuit breaker per channel account, and the gate the dispatcher passes before each platform call.</summary>
    public static IServiceCollection AddAccountCircuitBreakers(this IServiceCollection services)
    {
        services.AddValidatedOptions<CircuitBreakerOptions, CircuitBreakerOptionsValidator>(CircuitBreakerOptions.Section);
        services.AddSingleton<AccountCircuitBreakers>();
        services.AddSingleton<CircuitGate>();
        return services;
    }
}
