using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Broker.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Webhooks;

/// <summary>
/// The webhook subscriptions, for editors: each with its state, and the form that makes a new one. The secret is shown
/// once, on the answer to that form, and never again. Checks and changes go through <see cref="WebhookService"/>, as the API's do.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class WebhookListModel(IWebhookStore store, WebhookService service) : PageModel
{
    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public IReadOnlyList<WebhookSubscription> Subscriptions { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The secret of the webhook just made: shown on this answer only.</summary>
    public string? NewSecret { get; private set; }

    public string? NewId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Subscriptions = await store.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = Form.ToRequest(creating: true);
        var errors = service.Check(request, creating: true);
        if (errors.Any)
        {
            Errors = WebhookForm.Translate(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var (subscription, secret) = await service.CreateAsync(request, Actor.Of(HttpContext), cancellationToken);
            (NewId, NewSecret) = (subscription.Id, secret);
            Form = new();
        }

        Subscriptions = await store.ListAsync(cancellationToken);
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
