using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Guardrails;

internal sealed class GuardrailsOptionsValidator : IValidateOptions<GuardrailsOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailsOptions options)
    {
        var problems = new OptionsProblems(GuardrailsOptions.Section);
        problems.Between(options.ResumeCheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.ResumeSpacing, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        return problems.Result();
    }
}
