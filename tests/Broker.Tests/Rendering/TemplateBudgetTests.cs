using Broker.Rendering;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;

namespace Broker.Tests.Rendering;

public sealed class TemplateBudgetTests
{
    [Fact]
    public void A_template_that_runs_over_its_time_budget_is_reported_as_over_budget_and_not_as_a_script_error()
    {
        // 810,000 loop turns (the loop limit raised for them) take far longer than the 1 ms budget.
        var renderer = new TemplateRenderer(Options.Create(new RenderingOptions { Timeout = TimeSpan.FromMilliseconds(1), LoopLimit = 10_000_000 }));
        var template = Template.Parse("{{ n = 0 }}{{ for i in 1..900 }}{{ for j in 1..900 }}{{ n = n + 1 }}{{ end }}{{ end }}{{ n }}");

        var result = renderer.Render(template, new ScriptObject());

        Assert.Null(result.Text);
        Assert.True(result.TimedOut, result.Error);
        Assert.Equal("The template took longer than its 1 ms budget.", result.Error);
    }

    [Fact]
    public void A_script_error_is_not_taken_for_the_budget()
    {
        var renderer = new TemplateRenderer(Options.Create(new RenderingOptions()));
        var template = Template.Parse("{{ for i in 1..5000 }}{{ i }}{{ end }}");

        var result = renderer.Render(template, new ScriptObject());

        Assert.False(result.TimedOut);
        Assert.StartsWith("The template failed:", result.Error, StringComparison.Ordinal);
    }
}
