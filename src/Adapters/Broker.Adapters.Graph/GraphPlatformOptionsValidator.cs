using Broker.Adapters.Http;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.Graph;

/// <summary>Checks a Meta adapter's settings at start: every problem of <see cref="GraphPlatformOptions.Problems"/> at once, naming the keys.</summary>
/// <typeparam name="TOptions">The adapter's settings.</typeparam>
/// <param name="section">Where they are bound from (<c>Platforms:Facebook</c>).</param>
public sealed class GraphPlatformOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : GraphPlatformOptions
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AdapterOptionsRegistration.ResultOf(options.Problems(section));
    }
}
