using Broker.Access;
using Broker.Api;
using Broker.Guardrails;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Guardrails;

/// <summary>
/// Election periods: the list, and for editors the form that creates one (no id) or changes one (with its id), over the
/// version read, through <see cref="ElectionPeriods"/> as the API does.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ElectionPeriodsPageModel(IElectionPeriodStore store, ElectionPeriods periods, LocalTime time) : PageModel
{
    public IReadOnlyList<ElectionPeriod> All { get; private set; } = [];

    /// <summary>The period being changed; null on the list, where the form creates one.</summary>
    public ElectionPeriod? Editing { get; private set; }

    public bool CanOperate => Caller.Of(User).IsEditor;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(
        string? id, string? name, string? kind, string? rule, bool freeze, string? startsAt, string? endsAt, string? terms, long? version, CancellationToken cancellationToken)
    {
        if (!CanOperate)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var request = new ElectionPeriodRequest(
            name, kind, rule, freeze, time.Read(startsAt, out var startProblem), time.Read(endsAt, out var endProblem),
            (terms ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), version);
        var errors = ElectionPeriods.Check(request);
        if (startProblem is not null || endProblem is not null || errors.Any)
        {
            return Refuse(startProblem ?? endProblem ?? Labels.Format(Text.Guard_Invalid, string.Join(", ", errors.ToDictionary().Keys)), StatusCodes.Status400BadRequest);
        }

        if (Editing is null)
        {
            await periods.CreateAsync(request, Actor.Of(HttpContext), cancellationToken);
        }
        else if (MessageText.Conflict(await periods.ChangeAsync(Editing, request, Actor.Of(HttpContext), cancellationToken)) is { } conflict)
        {
            return Refuse(conflict, StatusCodes.Status409Conflict);
        }

        return Redirect("/pengaman/pemilu");
    }

    public static string KindName(ElectionKind kind) => kind switch
    {
        ElectionKind.Campaign => Text.Guard_KindCampaign,
        ElectionKind.QuietPeriod => Text.Guard_KindQuietPeriod,
        _ => Text.Guard_KindVotingDay,
    };

    private IActionResult Refuse(string error, int status)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string? id, CancellationToken cancellationToken)
    {
        All = await store.ListAsync(cancellationToken);
        if (id is null)
        {
            return true;
        }

        Editing = await store.GetAsync(id, cancellationToken);
        return Editing is not null;
    }
}
