using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.Amplification;

/// <summary>STUB (issue 5): OPD admins request amplification and follow it; editors decide. Filled in with the Amplification feature.</summary>
[Authorize(Policy = Policies.Managers)]
public sealed class AmplificationRequestsModel : PageModel
{
    public void OnGet()
    {
    }
}
