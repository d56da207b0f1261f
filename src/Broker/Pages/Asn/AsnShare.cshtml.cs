using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Asn;

/// <summary>STUB (issue 5): the ASN's share list. The share links, intents and counts arrive with the Sharing feature.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class AsnShareModel : PageModel
{
    public void OnGet()
    {
    }
}
