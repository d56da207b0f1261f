using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Asn;
using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Asn;

/// <summary>
/// The ASN directory: search by name, NIP or OPD a page at a time (keyset on NIP, so the 2,000th page costs what the
/// first does), add one ASN, deactivate one. Editors see and change every OPD's; an OPD admin reads their own OPD's.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AsnDirectoryModel(IAsnStore directory, IOpdStore opds, AsnImport import, IUserStore users, Auditor audit, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AsnRecord> Rows { get; private set; } = [];

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "opd")]
    public string? Opd { get; set; }

    [BindProperty(SupportsGet = true, Name = "setelah")]
    public string? After { get; set; }

    /// <summary>The address of the next page, when there is one.</summary>
    public string? Next { get; private set; }

    public bool IsEditor { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? selesai, CancellationToken cancellationToken)
    {
        Done = selesai switch
        {
            "added" => Text.Directory_Added,
            "deactivated" => Text.Directory_Deactivated,
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(string? nip, string? name, string? opd, string? phone, string? email, CancellationToken cancellationToken)
    {
        if (!Caller.Of(User).IsEditor)
        {
            return Forbid();
        }

        var candidate = new AsnImport.Candidate(nip, name, opd, phone, email);
        var problems = await import.CheckAsync(candidate, cancellationToken);
        if (problems.Count == 0)
        {
            var record = import.ToRecord(candidate);
            if (await directory.TryAddAsync(record, cancellationToken))
            {
                await audit.RecordAsync(Actor.Of(HttpContext), "asn.created", "asn", record.Id, record.Name, cancellationToken);
                return Redirect($"/direktori-asn?q={record.Id}&selesai=added");
            }

            problems.Add(new AsnImport.Problem("nip", new Api.UserMessage(null, Text.Directory_Exists)));
        }

        Errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => MessageText.Of(p.Message))));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string nip, CancellationToken cancellationToken)
    {
        if (!Caller.Of(User).IsEditor)
        {
            return Forbid();
        }

        var result = await AsnApi.Deactivate(nip, directory, users, audit, time, HttpContext, cancellationToken);
        return result.Result is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult ? NotFound() : Redirect($"/direktori-asn?q={Uri.EscapeDataString(nip)}&selesai=deactivated");
    }

    public string PageLink(string? after) =>
        "/direktori-asn" + QueryString.Create(new[] { KeyValuePair.Create("q", Search), KeyValuePair.Create("opd", Opd), KeyValuePair.Create("setelah", after) }
            .Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        IsEditor = caller.IsEditor;
        Opds = [.. (await opds.ListAsync(cancellationToken)).Where(o => caller.Sees(o.Id))];
        var rows = await directory.PageAsync(new AsnPageQuery(caller.ScopeOpd(Blank(Opd)), Blank(Search?.Trim()), Blank(After), PageSize + 1), cancellationToken);
        Rows = [.. rows.Take(PageSize)];
        Next = rows.Count > PageSize ? PageLink(Rows[^1].Id) : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
