using Broker.Adapters.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.WordPress;

/// <summary>
/// Checks the WordPress plugin's settings at start: every problem of <see cref="WordPressOptions.Problems"/> at once,
/// naming the keys, with the host's <c>Platforms:AllowLoopback</c> read when the check runs.
/// </summary>
internal sealed class WordPressOptionsValidator(IConfiguration configuration) : IValidateOptions<WordPressOptions>
{
    public ValidateOptionsResult Validate(string? name, WordPressOptions options) =>
        AdapterOptionsRegistration.ResultOf(options.Problems(configuration.GetValue<bool>(WordPressOptions.AllowLoopbackKey)));
}
