using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Broker.Rendering;

/// <summary>
/// Runs a template sandboxed: a plain <see cref="ScriptObject"/> model (no .NET objects), loop, recursion and output
/// limits, and a time budget. Script errors come back as a message, never as an exception.
/// </summary>
public sealed class TemplateRenderer(IOptions<RenderingOptions> options)
{
    public RenderResult Render(Template template, ScriptObject model)
    {
        var settings = options.Value;
        using var budget = new CancellationTokenSource(settings.Timeout);
        var context = new TemplateContext
        {
            LoopLimit = settings.LoopLimit,
            RecursiveLimit = settings.RecursiveLimit,
            LimitToString = settings.MaxOutputLength,
            EnableRelaxedMemberAccess = false,
            StrictVariables = false,
            MemberFilter = _ => false,
            CancellationToken = budget.Token,
            TemplateLoader = null,
        };
        context.PushGlobal(model);
        try
        {
            var text = template.Render(context);
            if (text.Length > settings.MaxOutputLength)
            {
                return RenderResult.Fail($"The template produced {text.Length} characters, more than the {settings.MaxOutputLength} allowed.");
            }

            return RenderResult.Ok(Normalize(text));
        }
        catch (Exception ex) when (budget.IsCancellationRequested && ex is ScriptRuntimeException or OperationCanceledException)
        {
            // Scriban reports the budget's cancellation as a script error at the node it was running: say what it was.
            return RenderResult.OverBudget($"The template took longer than its {settings.Timeout.TotalMilliseconds} ms budget.");
        }
        catch (ScriptRuntimeException ex)
        {
            return RenderResult.Fail($"The template failed: {ex.Message}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
