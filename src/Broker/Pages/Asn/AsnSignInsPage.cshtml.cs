using System.Text;
using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Asn;
using Broker.Reports;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Asn;

/// <summary>
/// Sign-in links for every active ASN of an OPD (<see cref="AsnSignIns"/>), as a CSV file to download or as WhatsApp
/// messages ready to send: one wa.me button per ASN with a phone, and one text block for a group.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class AsnSignInsPageModel(AsnSignIns signIns, IOpdStore opds) : PageModel
{
    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyList<AsnSignIns.Handout> Handouts { get; private set; } = [];

    public string? Opd { get; private set; }

    public string? Error { get; private set; }

    /// <summary>All links in one message, for a WhatsApp group.</summary>
    public string Block => string.Join("\n", Handouts.Select(h => $"{h.Asn.Name}: {h.Url}"));

    public async Task OnGetAsync(CancellationToken cancellationToken) => Opds = await opds.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? opd, string? format, CancellationToken cancellationToken)
    {
        Opds = await opds.ListAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(opd) || Opds.All(o => o.Id != opd))
        {
            Error = Text.BulkLinks_ChooseOpd;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Opd = opd;
        Handouts = await signIns.CreateAsync(opd, Text.BulkLinks_Message, Actor.Of(HttpContext), cancellationToken);
        if (format != "csv")
        {
            return Page();
        }

        var table = new CsvTable("sign-in-links", ["nip", "name", "phone", "url", "expiresAt", "whatsapp"],
            [.. Handouts.Select(h => new object?[] { h.Asn.Id, h.Asn.Name, h.Asn.Phone, h.Url, h.ExpiresAt, h.WhatsApp })]);
        return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(CsvWriter.Write(table))], "text/csv; charset=utf-8", $"tautan-masuk-{opd}.csv");
    }
}
