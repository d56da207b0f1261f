using Broker.Access;
using Broker.Api;
using Broker.Asn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Asn;

/// <summary>
/// Importing ASN from a CSV file in two steps: the upload is checked and kept as a preview (nothing written), the
/// preview lists the rows that would be added and the refused ones with their reasons, and its confirmation imports it
/// once (<see cref="AsnImportPreviews"/>).
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class AsnImportPageModel(AsnImportPreviews previews) : PageModel
{
    /// <summary>Rows of each kind listed on the page; the counts cover all of them.</summary>
    public const int Listed = 500;

    public AsnImportPreviews.Checked? Preview { get; private set; }

    public IReadOnlyList<CsvReader.Fault> Faults { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return Page();
        }

        Preview = await previews.ReadAsync(id, cancellationToken);
        if (Preview is null)
        {
            return NotFound();
        }

        if (Preview.Preview!.Imported is { } imported)
        {
            Done = Labels.Format(Text.Import_Done, imported);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await ConfirmAsync(id, cancellationToken);
        }

        if (file is null || file.Length == 0)
        {
            Error = Text.Import_NoFile;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, cancellationToken);
        var checkedFile = await previews.PreviewAsync(bytes.ToArray(), Actor.Of(HttpContext), cancellationToken);
        if (checkedFile.Preview is { } preview)
        {
            return Redirect($"/direktori-asn/impor/{preview.Id}");
        }

        Faults = checkedFile.Faults;
        Error = Text.Import_Unreadable;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> ConfirmAsync(string id, CancellationToken cancellationToken)
    {
        var confirmed = await previews.ConfirmAsync(id, Actor.Of(HttpContext), cancellationToken);
        if (confirmed.Outcome == AsnImportPreviews.Confirmation.NotFound)
        {
            return NotFound();
        }

        if (confirmed.Outcome == AsnImportPreviews.Confirmation.Imported)
        {
            return Redirect($"/direktori-asn/impor/{id}");
        }

        Error = Text.Import_AlreadyConfirmed;
        Response.StatusCode = StatusCodes.Status409Conflict;
        Preview = await previews.ReadAsync(id, cancellationToken);
        return Page();
    }
}
