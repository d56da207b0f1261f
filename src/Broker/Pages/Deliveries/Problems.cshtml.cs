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
    public const int PageSize = 50;

    private static readonly DeliveryStatus[] Shown = [DeliveryStatus.Failed, DeliveryStatus.Held];

    public IReadOnlyList<DeliveryScope.Row> Rows { get; private set; } = [];

    /// <summary>Where the next page starts; null on the last.</summary>
    public PageCursor? Next { get; private set; }

    public bool CanOperate => Caller.Of(User).IsEditor;

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? selesai, string? setelah, CancellationToken cancellationToken)
    {
        Message = selesai switch
        {
            "retry" => Text.Problems_Retried,
            "cancel" => Text.Problems_Cancelled,
            _ => null,
        };
        await LoadAsync(PageCursor.TryParse(setelah, out var after) ? after : null, cancellationToken);
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

        Message = MessageText.Conflict(result);
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(null, cancellationToken);
        return Page();
    }

    // Latest due first, a page at a time: failed deliveries stay until someone retries or cancels them.
    private async Task LoadAsync(PageCursor? after, CancellationToken cancellationToken)
    {
        var page = await scope.ListAsync(Caller.Of(User), new DeliveryListQuery(Shown, LatestFirst: true), after, PageSize, cancellationToken);
        (Rows, Next) = (page.Rows, page.Next);
    }
}
