using Broker.Access;
using Broker.Accounts;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Items;

/// <summary>
/// Editing a submitted or sent-back item and submitting it again (issue 14): the reviewer's comment is shown above the
/// form, photos are kept (ticked) or replaced, and the edit is made over the version the form was read at, so of two
/// submits at once one is saved and the other answers 409 and asks to read the item again.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class EditItemModel(IItemStore items, IOpdStore opds, IAccountStore accounts, ItemIntake intake, ItemFormReader reader, LocalTime time) : PageModel
{
    [BindProperty]
    public SubmitForm Form { get; set; } = new();

    /// <summary>The item's version the form was read at.</summary>
    [BindProperty]
    public long Version { get; set; }

    public Item Item { get; private set; } = null!;

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Conflict { get; private set; }

    public bool FixedOpd => Caller.Of(User).Role == UserRole.OpdAdmin;

    /// <summary>Only an item still before approval is edited here; an approved one is changed by a correction.</summary>
    public static bool CanEdit(Item item) => item.Status is ItemStatus.Submitted or ItemStatus.SentBack;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!CanEdit(Item))
        {
            return Redirect($"/konten/{Uri.EscapeDataString(id)}");
        }

        Version = Item.Version;
        Form = new SubmitForm
        {
            Opd = Item.Opd,
            Title = Item.Title,
            Body = Item.Body,
            Link = Item.Link,
            EventEndedAt = time.Input(Item.EventEndedAt),
            PublishAt = time.Input(Item.PublishAt),
            AccountIds = [.. Item.AccountIds],
            MediaIds = [.. Item.MediaIds],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, List<IFormFile> photo, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var caller = Caller.Of(User);
        if (FixedOpd)
        {
            Form.Opd = caller.Opd;
        }

        var (request, errors) = await reader.ReadAsync(Form, photo, caller, Version, cancellationToken);
        if (errors.Any)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = CanEdit(Item) ? await intake.EditAsync(Item, request, caller.Id, cancellationToken) : OperationResult.Conflict(Text.Edit_Conflict, Item.Status);
        if (!result.Succeeded)
        {
            // Shown in the page's language; the form keeps what was typed, for the person to compare and send again.
            Conflict = Text.Edit_Conflict;
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(id, cancellationToken);
            Version = Item.Version;
            return Page();
        }

        return Redirect($"/konten/{Uri.EscapeDataString(id)}?selesai=resubmitted");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        if (await items.GetAsync(id, cancellationToken) is not { } item || !caller.SeesItem(item))
        {
            return false;
        }

        Item = item;
        Opds = [.. (await opds.ListAsync(cancellationToken)).Where(o => caller.Sees(o.Id))];
        Accounts = [.. (await accounts.ListAsync(caller.ScopeOpd(null), cancellationToken)).OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Platform, StringComparer.Ordinal)];
        return true;
    }
}
