using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Broker.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Webhooks;

/// <summary>One webhook: change or remove it, and its delivery log, where a delivered or failed message can be sent again.</summary>
[Authorize(Policy = Policies.Editor)]
public sealed class WebhookDetailModel(IWebhookStore store, WebhookService service, LocalTime time) : PageModel
{
    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public WebhookSubscription Subscription { get; private set; } = null!;

    public IReadOnlyList<WebhookMessage> Messages { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Notice { get; private set; }

    public LocalTime Time => time;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = new WebhookForm { Url = Subscription.Url, EventTypes = [.. Subscription.EventTypes], Description = Subscription.Description, Enabled = Subscription.Enabled };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var request = Form.ToRequest(creating: false);
        var errors = service.Check(request, creating: false);
        if (errors.Any)
        {
            Errors = WebhookForm.Translate(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await service.UpdateAsync(Subscription, request, Actor.Of(HttpContext), cancellationToken);
        return result.Succeeded ? Redirect($"/webhook/{id}?selesai=saved") : await ConflictAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostReplayAsync(string id, string messageId, CancellationToken cancellationToken)
    {
        var message = await store.GetMessageAsync(messageId, cancellationToken);
        if (message is null || message.SubscriptionId != id || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await service.ReplayAsync(message, Actor.Of(HttpContext), cancellationToken);
        return result.Succeeded ? Redirect($"/webhook/{id}?selesai=replayed") : await ConflictAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await service.DeleteAsync(Subscription, Actor.Of(HttpContext), cancellationToken);
        return Redirect("/webhook");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static string StatusLabel(WebhookMessageStatus status) => status switch
    {
        WebhookMessageStatus.Pending => Text.Webhooks_Pending,
        WebhookMessageStatus.Delivered => Text.Webhooks_Delivered,
        _ => Text.Webhooks_FailedStatus,
    };

    private async Task<IActionResult> ConflictAsync(string id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Notice = Text.Webhooks_Conflict;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } subscription)
        {
            return false;
        }

        Subscription = subscription;
        Messages = await store.ListMessagesAsync(id, WebhooksApi.LogLength, cancellationToken);
        Notice = Request.Query["selesai"].ToString() switch
        {
            "saved" => Text.Webhooks_Saved,
            "replayed" => Text.Webhooks_Replayed,
            _ => null,
        };
        return true;
    }
}
