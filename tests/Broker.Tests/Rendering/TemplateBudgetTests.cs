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
        // 9,000,000 loop turns (the loop limit raised for them) take seconds: far longer than the 1 ms budget, and long
        // enough for the budget's timer to fire even when the thread pool is busy with other tests and fires it late.
        var renderer = new TemplateRenderer(Options.Create(new RenderingOptions { Timeout = TimeSpan.FromMilliseconds(1), LoopLimit = 100_000_000 }));
        var template = Template.Parse("{{ n = 0 }}{{ for i in 1..3000 }}{{ for j in 1..3000 }}{{ n = n + 1 }}{{ end }}{{ end }}{{ n }}");

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
