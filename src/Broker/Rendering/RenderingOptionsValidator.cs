using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Rendering;

internal sealed class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
    public ValidateOptionsResult Validate(string? name, RenderingOptions options)
    {
        var problems = new OptionsProblems(RenderingOptions.Section);
        problems.Required(options.TemplatesPath);
        if (string.IsNullOrWhiteSpace(options.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            problems.Add(nameof(options.TimeZone), $"'{options.TimeZone}' is not a time zone such as Asia/Makassar or Asia/Jakarta.");
        }

        problems.Between(options.LoopLimit, 1, 100_000);
        problems.Between(options.RecursiveLimit, 1, 1_000);
        problems.Between(options.MaxOutputLength, 1, 10_000_000);
        problems.Between(options.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        return problems.Result();
    }
}
