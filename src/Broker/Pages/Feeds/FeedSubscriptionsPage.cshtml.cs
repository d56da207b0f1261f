using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Feeds;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Feeds;

/// <summary>
/// Feeds in, on a page: an editor (any OPD) or an OPD admin (their own) subscribes an OPD to a feed, sees each feed's
/// state (a broken feed shows here with its reason), reads one now, or unsubscribes. Checks go through
/// <see cref="FeedSubscriptions"/>, as the API's do.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class FeedSubscriptionsPageModel(
    IFeedSubscriptionStore store, FeedSubscriptions subscriptions, FeedPoller poller, IAccountStore accounts, IOpdStore opds) : PageModel
{
    [BindProperty]
    public FeedSubscriptionForm Form { get; set; } = new();

    public IReadOnlyList<FeedSubscription> Rows { get; private set; } = [];

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool IsEditor => Caller.Of(User).IsEditor;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        var request = new FeedSubscriptionRequest { Opd = caller.ScopeOpd(Form.Opd), Url = Form.Url?.Trim(), Name = Form.Name, AccountIds = Form.AccountIds };
        var errors = await subscriptions.ValidateAsync(request, caller, cancellationToken);
        if (!errors.Any && await subscriptions.SubscribeAsync(request, caller, cancellationToken) is null)
        {
            errors.Add("url", Text.Feed_Exists);
        }

        if (errors.Any)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        return Redirect("/umpan");
    }

    public async Task<IActionResult> OnPostReadAsync(string id, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }

        await poller.PollAsync(subscription, cancellationToken);
        return Redirect("/umpan");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, cancellationToken) is not { } subscription)
        {
            return NotFound();
        }

        await subscriptions.UnsubscribeAsync(subscription, Caller.Of(User).Id, cancellationToken);
        return Redirect("/umpan");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static string StateLabel(FeedState state) => state switch
    {
        FeedState.Healthy => Text.Feed_StateHealthy,
        FeedState.Failing => Text.Feed_StateFailing,
        _ => Text.Feed_StateNew,
    };

    public static string Tone(FeedState state) => state switch
    {
        FeedState.Healthy => "good",
        FeedState.Failing => "bad",
        _ => "wait",
    };

    private async Task<FeedSubscription?> VisibleAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } subscription && Caller.Of(User).Sees(subscription.Opd) ? subscription : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        Rows = await store.ListAsync(caller.ScopeOpd(null), cancellationToken);
        Opds = [.. (await opds.ListAsync(cancellationToken)).Where(o => caller.Sees(o.Id)).OrderBy(o => o.Name, StringComparer.Ordinal)];
        Accounts = [.. (await accounts.ListAsync(caller.ScopeOpd(null), cancellationToken)).OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)];
    }
}
