using Broker.Access;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Asn;

/// <summary>
/// The ASN's share list, light enough for a slow phone connection: each item with one-tap intents (WhatsApp, Facebook,
/// X, Telegram), the link to copy, its QR code and the clicks it brought, read from <see cref="ShareList"/> under the
/// rules of <c>GET /api/share-list</c>. Editors (and an OPD admin for their OPD's ASN) open someone's list with <c>?nip=</c>.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class AsnShareModel(ShareList shareList, IOpdStore opds) : PageModel
{
    private Dictionary<string, string> opdNames = [];

    public ShareList.Listing? Listing { get; private set; }

    /// <summary>Whether the list shown is someone else's (an editor or OPD admin looking).</summary>
    public bool OthersList { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? nip, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(User);
        var owner = await shareList.OwnerAsync(nip, caller, cancellationToken);
        switch (owner.Refused)
        {
            case ShareList.Refusal.Forbidden:
                return Forbid();
            case ShareList.Refusal.NotFound:
                return NotFound();
            case ShareList.Refusal.NipMissing:
                return Page();
        }

        Listing = await shareList.BuildAsync(owner.Asn!, cancellationToken);
        OthersList = caller.Role != UserRole.Asn;
        opdNames = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return Page();
    }

    public string OpdName(string code) => opdNames.GetValueOrDefault(code, code);
}
