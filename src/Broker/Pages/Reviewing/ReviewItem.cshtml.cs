using Broker.Access;
using Broker.Api;
using Broker.Guardrails;
using Broker.Intake;
using Broker.Rendering;
using Broker.Review;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Reviewing;

/// <summary>
/// One item as each channel will show it (the renderer's preview, drawn like the platform's post), and the editor's
/// decision: approve (now or at a time), send back with a comment, or reject with a reason — all through
/// <see cref="ReviewService"/>, which keeps the editing SOP.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ReviewItemModel(IItemStore items, IOpdStore opds, PostRenderer renderer, ReviewService review, ElectionGuard election, LocalTime time) : DecisionPageModel
{
    public Item Item { get; private set; } = null!;

    public string OpdName { get; private set; } = "";

    public IReadOnlyList<PreviewCard> Cards { get; private set; } = [];

    public string? CannotReview { get; private set; }

    /// <summary>Why the caller may review but not approve (the two-person rule), in the page's language.</summary>
    public string? CannotApprove { get; private set; }

    /// <summary>Terms of election periods in force that the item names, per place.</summary>
    public IReadOnlyList<ElectionFinding> Findings { get; private set; } = [];

    public bool ElectionRefuses => Findings.Any(f => f.Rule == ElectionRule.Refuse);

    public bool IsEditor => Caller.Of(User).IsEditor;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The publish time as the editor typed it, kept in the form when it is refused.</summary>
    public string? PublishAtTyped { get; private set; }

    public Task<IActionResult> OnPostApproveAsync(string id, string? publishAt, string? electionOverride, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(electionOverride) && (!Caller.Of(User).IsEditor || electionOverride.Length > Notes.MaxLength))
        {
            return Task.FromResult<IActionResult>(Forbid());
        }

        var at = time.ReadComing(publishAt, out var problem);
        if (problem is not null)
        {
            PublishAtTyped = publishAt;
            return RefuseAsync(id, problem, cancellationToken);
        }

        return DecideAsync(id, "approved", (item, actor, ct) => review.ApproveAsync(item, at, actor, ct, electionOverride), cancellationToken, approving: true);
    }

    public Task<IActionResult> OnPostSendBackAsync(string id, string? comment, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(comment) || comment.Length > Notes.MaxLength
            ? RefuseAsync(id, Text.Review_CommentRequired, cancellationToken)
            : DecideAsync(id, "sentBack", (item, actor, ct) => review.SendBackAsync(item, comment.Trim(), actor, ct), cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string id, string? reason, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > Notes.MaxLength
            ? RefuseAsync(id, Text.Review_ReasonRequired, cancellationToken)
            : DecideAsync(id, "rejected", (item, actor, ct) => review.RejectAsync(item, reason.Trim(), actor, ct), cancellationToken);

    private async Task<IActionResult> DecideAsync(
        string id, string done, Func<Item, string, CancellationToken, Task<OperationResult>> decide, CancellationToken cancellationToken, bool approving = false)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (CannotReview is not null)
        {
            return Forbid();
        }

        if (approving && CannotApprove is not null)
        {
            // Refused as the API refuses it (403), but said on the page in its language rather than a bare 403 page.
            Error = CannotApprove;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var result = await decide(Item, Actor.Of(HttpContext), cancellationToken);
        if (result.CurrentStatus is { } current)
        {
            // Someone decided (or edited) first, e.g. the same form sent twice: say so in the page's language.
            result = OperationResult.Conflict(Labels.Format(Text.Review_Conflict, Labels.OfItem(current)));
        }

        return await ShowDecisionAsync(result, $"/konten/{Uri.EscapeDataString(id)}?selesai={done}", Text.Review_BreaksRules, () => LoadAsync(id, cancellationToken));
    }

    private async Task<IActionResult> RefuseAsync(string id, string message, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        if (await items.GetAsync(id, cancellationToken) is not { } item || !caller.SeesItem(item))
        {
            return false;
        }

        Item = item;
        OpdName = (await opds.GetAsync(item.Opd, cancellationToken))?.Name ?? item.Opd;
        var photos = item.MediaIds.Select(m => "/media/" + Uri.EscapeDataString(m)).ToList();
        var previews = await renderer.PreviewAsync(item, cancellationToken);
        Findings = await election.ReviewAsync(item, previews, null, cancellationToken);
        Cards = [.. previews.Select(p => new PreviewCard(p with { ElectionTerms = ElectionGuard.FoundIn(p, Findings) }, photos))];
        CannotReview = await review.WhyCannotReviewAsync(caller, item, cancellationToken) is { } why ? MessageText.Of(why) : null;
        CannotApprove = CannotReview is null && await review.WhyCannotApproveAsync(caller, item, cancellationToken) is { } whyNot ? MessageText.Of(whyNot) : null;
        return true;
    }
}
