using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch.CircuitBreaker;

internal sealed class CircuitBreakerOptionsValidator : IValidateOptions<CircuitBreakerOptions>
{
    public ValidateOptionsResult Validate(string? name, CircuitBreakerOptions options)
    {
        var problems = new OptionsProblems(CircuitBreakerOptions.Section);
        problems.Between(options.FailureThreshold, 0, 1000);
        problems.Between(options.BreakDuration, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        return problems.Result();
    }
}
