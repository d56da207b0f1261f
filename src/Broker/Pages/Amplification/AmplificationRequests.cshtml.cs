using Broker.Access;
using Broker.Accounts;
using Broker.Amplification;
using Broker.Api;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Amplification;

/// <summary>
/// Flow 6 on a page: an OPD admin asks the city's central accounts to amplify one of their items or a URL and follows
/// the requests; an editor sees them, the undecided first, to accept or decline. Checks and changes go through
/// <see cref="AmplificationService"/>, as the API's do.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AmplificationRequestsModel(
    IAmplificationStore requests, IItemStore items, IAccountStore accounts, IOpdStore opds, AmplificationService service, LocalTime time) : PageModel
{
    /// <summary>The OPD's items offered in the form, newest first.</summary>
    public const int ItemsOffered = 50;

    public sealed record Row(AmplificationRequest Request, string Subject, string OpdName);

    [BindProperty]
    public AmplificationForm Form { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Item> OwnItems { get; private set; } = [];

    public IReadOnlyList<Account> CentralAccounts { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>OPD admins request through the page; editors decide (and may still request through the API).</summary>
    public bool CanRequest => Caller.Of(User).Role == UserRole.OpdAdmin;

    public bool CanDecide => Caller.Of(User).IsEditor;

    public string CentralOpd => service.CentralOpd;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanRequest)
        {
            return Forbid();
        }

        var errors = new FieldErrors();
        var wishedAt = time.ReadComing(Form.WishedAt, out var wishedAtProblem);
        if (wishedAtProblem is not null)
        {
            errors.Add("wishedAt", wishedAtProblem);
        }

        var ask = new AmplificationService.Ask(Caller.Of(User).Opd, Form.ItemId, Form.Url, Form.Note, Form.AccountIds, wishedAt, Form.Title);
        foreach (var (field, messages) in (await service.CheckAsync(ask, cancellationToken)).Messages())
        {
            // The page read and checked the wished time itself, by the same rule, in the person's language.
            foreach (var message in field switch { "wishedAt" => [], "url" => [new Api.UserMessage(null, Text.Submit_BadLink)], _ => messages })
            {
                errors.Add(field, message);
            }
        }

        if (errors.Any)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var request = await service.RequestAsync(ask, Actor.Of(HttpContext), cancellationToken);
        return Redirect($"/amplifikasi/{request.Id}?selesai=requested");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        var names = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var request in await requests.ListAsync(caller.ScopeOpd(null), null, cancellationToken))
        {
            var subject = request.ItemId is { } id ? (await items.GetAsync(id, cancellationToken))?.Title ?? id : request.Url ?? "";
            rows.Add(new Row(request, subject, names.GetValueOrDefault(request.Opd, request.Opd)));
        }

        // The undecided first, oldest first (a queue); then the decided, newest first.
        Rows = [.. rows.Where(r => r.Request.Status == AmplificationStatus.Requested).OrderBy(r => r.Request.CreatedAt)
            .Concat(rows.Where(r => r.Request.Status != AmplificationStatus.Requested).OrderByDescending(r => r.Request.DecidedAt ?? r.Request.CreatedAt))];
        if (CanRequest)
        {
            OwnItems = (await items.ListPageAsync(new ItemListQuery(Opd: caller.Opd), null, ItemsOffered, cancellationToken)).Rows;
            CentralAccounts = [.. (await accounts.ListAsync(service.CentralOpd, cancellationToken)).OrderBy(a => a.Platform, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)];
        }
    }
}
