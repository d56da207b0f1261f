using Broker.Access;
using Broker.Api;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Deliveries;

/// <summary>
/// Failed and held deliveries with the platform's reason; editors retry or cancel them through
/// <see cref="DeliveryOperations"/>, OPD admins see their own and ask Diskominfo.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ProblemsModel(DeliveryScope scope, IDeliveryStore deliveries, DeliveryOperations operations) : PageModel
{
    private static readonly DeliveryStatus[] Shown = [DeliveryStatus.Failed, DeliveryStatus.Held];

    public IReadOnlyList<DeliveryScope.Row> Rows { get; private set; } = [];

    public bool CanOperate => Caller.Of(User).IsEditor;

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? selesai, CancellationToken cancellationToken)
    {
        Message = selesai switch
        {
            "retry" => Text.Problems_Retried,
            "cancel" => Text.Problems_Cancelled,
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostRetryAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "retry", operations.RetryAsync, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string id, CancellationToken cancellationToken) =>
        OperateAsync(id, "cancel", operations.CancelAsync, cancellationToken);

    private async Task<IActionResult> OperateAsync(
        string id, string done, Func<Delivery, string, CancellationToken, Task<OperationResult>> operate, CancellationToken cancellationToken)
    {
        if (!CanOperate)
        {
            return Forbid();
        }

        if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery)
        {
            return NotFound();
        }

        var result = await operate(delivery, Actor.Of(HttpContext), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/pengiriman?selesai=" + done);
        }

        Message = result.ConflictReason;
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = [.. (await scope.ListAsync(Caller.Of(User), Shown, cancellationToken)).OrderByDescending(r => r.Delivery.UpdatedAt)];
}
