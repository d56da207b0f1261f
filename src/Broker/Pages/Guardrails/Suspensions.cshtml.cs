using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Guardrails;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Guardrails;

/// <summary>
/// The suspensions in force and, for editors, the form to suspend publishing (city, OPD or account, a reason, an optional
/// automatic resume) and a button to resume each: all through <see cref="SuspensionService"/>, as the API does.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class SuspensionsModel(SuspensionCheck check, SuspensionService suspensions, IOpdStore opds, IAccountStore accounts, LocalTime time) : PageModel
{
    public IReadOnlyList<Suspension> Active { get; private set; } = [];

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public bool CanOperate => Caller.Of(User).IsEditor;

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? selesai, CancellationToken cancellationToken)
    {
        Message = selesai is null ? null : Text.Guard_Done;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSuspendAsync(string? scope, string? target, string? reason, string? resumeAt, CancellationToken cancellationToken)
    {
        if (!CanOperate)
        {
            return Forbid();
        }

        var at = time.ReadComing(resumeAt, out var problem);
        var request = new SuspendRequest(scope, SuspensionService.ParseScope(scope) == SuspensionScope.City ? null : target, reason, at);
        var errors = await suspensions.CheckAsync(request, cancellationToken);
        if (problem is not null || errors.Any)
        {
            var fields = errors.ToDictionary().Keys.Select(k => k switch { "reason" => Text.Guard_Reason, "target" => Text.Guard_Target, "scope" => Text.Guard_Scope, _ => k });
            return await RefuseAsync(problem ?? Labels.Format(Text.Guard_Invalid, string.Join(", ", fields)), StatusCodes.Status400BadRequest, cancellationToken);
        }

        var (result, _) = await suspensions.SuspendAsync(request, Actor.Of(HttpContext), cancellationToken);
        return result.Succeeded ? Redirect("/pengaman?selesai=1") : await RefuseAsync(MessageText.Conflict(result)!, StatusCodes.Status409Conflict, cancellationToken);
    }

    public async Task<IActionResult> OnPostResumeAsync(string id, CancellationToken cancellationToken)
    {
        if (!CanOperate)
        {
            return Forbid();
        }

        var (result, _) = await suspensions.ResumeAsync(id, Actor.Of(HttpContext), cancellationToken);
        return result.Succeeded ? Redirect("/pengaman?selesai=1") : await RefuseAsync(MessageText.Conflict(result)!, StatusCodes.Status409Conflict, cancellationToken);
    }

    public string ScopeName(Suspension s) => s.Scope switch
    {
        SuspensionScope.City => Text.Guard_ScopeCity,
        SuspensionScope.Opd => Labels.Format(Text.Guard_ScopeOpd, Opds.FirstOrDefault(o => o.Id == s.Target)?.Name ?? s.Target),
        _ => Labels.Format(Text.Guard_ScopeAccount, Accounts.FirstOrDefault(a => a.Id == s.Target)?.Name ?? s.Target),
    };

    private async Task<IActionResult> RefuseAsync(string error, int status, CancellationToken cancellationToken)
    {
        Error = error;
        Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Active = await check.ActiveAsync(cancellationToken);
        Opds = await opds.ListAsync(cancellationToken);
        Accounts = await accounts.ListAsync(null, cancellationToken);
    }
}
