using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages;

/// <summary>The front door: each role goes to where its work starts.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Navigation.Home(Caller.Of(User)));
}
