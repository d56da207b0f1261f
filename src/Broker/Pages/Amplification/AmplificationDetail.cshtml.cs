using Broker.Access;
using Broker.Accounts;
using Broker.Amplification;
using Broker.Api;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Amplification;

/// <summary>
/// One amplification request: what was asked, the decision (and a decline's reason), and once accepted the central item
/// with its deliveries. Editors accept or decline here through <see cref="AmplificationService"/>.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AmplificationDetailModel(
    IAmplificationStore requests, IItemStore items, IAccountStore accounts, IDeliveryStore deliveries, IOpdStore opds, AmplificationService service) : DecisionPageModel
{
    public sealed record DeliveryRow(Delivery Delivery, Account? Account);

    public AmplificationRequest Asked { get; private set; } = null!;

    public string OpdName { get; private set; } = "";

    /// <summary>The OPD's item asked to be amplified, when it was an item and not a URL.</summary>
    public Item? Source { get; private set; }

    public IReadOnlyList<Account> Wished { get; private set; } = [];

    public Item? Result { get; private set; }

    public IReadOnlyList<DeliveryRow> Deliveries { get; private set; } = [];

    public bool CanDecide => Caller.Of(User).IsEditor && Asked.Status == AmplificationStatus.Requested;

    public bool IsEditor => Caller.Of(User).IsEditor;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? selesai, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Done = selesai switch
        {
            "requested" => Text.Amp_DoneRequested,
            "accepted" => Text.Amp_DoneAccepted,
            "declined" => Text.Amp_DoneDeclined,
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, "accepted", (request, actor, ct) => service.AcceptAsync(request, actor, ct), cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(string id, string? reason, CancellationToken cancellationToken) =>
        AmplificationService.WhyReasonRefused(reason) is null
            ? DecideAsync(id, "declined", (request, actor, ct) => service.DeclineAsync(request, reason!.Trim(), actor, ct), cancellationToken)
            : RefuseAsync(id, Labels.Format(Text.Amp_ReasonRequired, AmplificationService.MaxNote), cancellationToken);

    private async Task<IActionResult> DecideAsync(
        string id, string done, Func<AmplificationRequest, string, CancellationToken, Task<OperationResult>> decide, CancellationToken cancellationToken)
    {
        if (!Caller.Of(User).IsEditor)
        {
            return Forbid();
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await decide(Asked, Actor.Of(HttpContext), cancellationToken);
        return await ShowDecisionAsync(result, $"/amplifikasi/{Uri.EscapeDataString(id)}?selesai={done}", Text.Amp_CannotCreate, () => LoadAsync(id, cancellationToken));
    }

    private async Task<IActionResult> RefuseAsync(string id, string message, CancellationToken cancellationToken)
    {
        if (!Caller.Of(User).IsEditor)
        {
            return Forbid();
        }

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
        if (await requests.GetAsync(id, cancellationToken) is not { } request || !Caller.Of(User).Sees(request.Opd))
        {
            return false;
        }

        Asked = request;
        OpdName = (await opds.GetAsync(request.Opd, cancellationToken))?.Name ?? request.Opd;
        Source = request.ItemId is { } itemId ? await items.GetAsync(itemId, cancellationToken) : null;
        var wished = new List<Account>();
        foreach (var accountId in request.AccountIds)
        {
            if (await accounts.GetAsync(accountId, cancellationToken) is { } account)
            {
                wished.Add(account);
            }
        }

        Wished = wished;
        Result = request.ResultItemId is { } resultId ? await items.GetAsync(resultId, cancellationToken) : null;
        var rows = new List<DeliveryRow>();
        var made = Result is null ? [] : await deliveries.ListByItemAsync(Result.Id, cancellationToken);
        foreach (var delivery in made.OrderBy(d => d.CreatedAt))
        {
            rows.Add(new DeliveryRow(delivery, wished.FirstOrDefault(a => a.Id == delivery.AccountId) ?? await accounts.GetAsync(delivery.AccountId, cancellationToken)));
        }

        Deliveries = rows;
        return true;
    }
}
