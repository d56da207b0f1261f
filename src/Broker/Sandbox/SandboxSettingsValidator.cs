using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Sandbox;

internal sealed class SandboxSettingsValidator : IValidateOptions<SandboxSettings>
{
    public ValidateOptionsResult Validate(string? name, SandboxSettings options)
    {
        var problems = new OptionsProblems(SandboxSettings.Section);
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add(nameof(options.Url), $"'{options.Url}' is not an http address such as http://127.0.0.1:5180.");
        }

        problems.Required(options.PostsFile);
        return problems.Result();
    }
}
