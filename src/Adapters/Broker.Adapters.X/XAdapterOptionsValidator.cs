using Broker.Adapters.Http;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.X;

/// <summary>Checks the X adapter's settings at start: every problem of <see cref="XAdapterOptions.Problems"/> at once, naming the keys.</summary>
public sealed class XAdapterOptionsValidator : IValidateOptions<XAdapterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, XAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return AdapterOptionsRegistration.ResultOf(options.Problems());
    }
}
