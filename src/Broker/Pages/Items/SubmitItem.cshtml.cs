using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Hosting;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Broker.Pages.Items;

/// <summary>
/// Submitting an item with photos: the form is read and checked by <see cref="ItemFormReader"/>, the item submitted by
/// <see cref="ItemIntake"/>, exactly as the API does.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SubmitItemModel(IOpdStore opds, IAccountStore accounts, ItemIntake intake, ItemFormReader reader, IOptions<BrokerOptions> broker) : PageModel
{
    [BindProperty]
    public SubmitForm Form { get; set; } = new();

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyList<Account> Accounts { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool FixedOpd => Caller.Of(User).Role == UserRole.OpdAdmin;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // An editor works for Diskominfo: the city's central OPD first, never whichever OPD sorts first.
        Form.Opd = Caller.Of(User).Opd ?? Opds.FirstOrDefault(o => o.Id == broker.Value.CentralOpd)?.Id;
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> photo, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        if (FixedOpd)
        {
            Form.Opd = caller.Opd;
        }

        var (request, errors) = await reader.ReadAsync(Form, photo, caller, null, cancellationToken);
        if (errors.Any)
        {
            Errors = MessageText.Of(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var item = await intake.SubmitAsync(request, caller.Id, cancellationToken);
        return Redirect($"/konten/{item.Id}?selesai=submitted");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        Opds = [.. (await opds.ListAsync(cancellationToken)).Where(o => caller.Sees(o.Id))];
        Accounts = [.. (await accounts.ListAsync(caller.ScopeOpd(null), cancellationToken)).OrderBy(a => a.Opd, StringComparer.Ordinal).ThenBy(a => a.Platform, StringComparer.Ordinal)];
    }
}
