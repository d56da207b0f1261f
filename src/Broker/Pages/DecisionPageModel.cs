using Broker.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages;

/// <summary>A page whose forms make a decision through a domain service: on success go on, else show why, with the right status.</summary>
public abstract class DecisionPageModel : PageModel
{
    public string? Error { get; protected set; }

    public IReadOnlyDictionary<string, string[]>? Problems { get; protected set; }

    /// <summary>Redirects after a decision that succeeded; otherwise shows its conflict (409) or its problems (422) on the reloaded page.</summary>
    protected async Task<IActionResult> ShowDecisionAsync(OperationResult result, string next, string unexplained, Func<Task> reload)
    {
        if (result.Succeeded)
        {
            return Redirect(next);
        }

        Error = result.Reason is { } reason ? MessageText.Of(reason) : result.ConflictReason ?? unexplained;
        Problems = result.Messages is { } messages ? MessageText.Of(messages) : result.Problems;
        Response.StatusCode = result.ConflictReason is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        await reload();
        return Page();
    }
}
