using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Broker.Pages;

/// <summary>
/// A one-time sign-in link. Opening it only asks the person to confirm: link previews (WhatsApp fetches every link it
/// is sent) must not spend the code. The form's post exchanges the code for the session cookie, once.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AccessExtensions.SignInLimit)]
public sealed class SignInByLinkModel(SignInLinks links) : PageModel
{
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Explain(await links.CheckAsync(HttpContext, code, cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        var outcome = await links.SignInAsync(HttpContext, code, cancellationToken);
        if (outcome.User is { } user)
        {
            return LocalRedirect(Navigation.Home(new Caller(user.Id, user.Name, user.Role, user.Opd, user.AsnNip)));
        }

        Explain(outcome.Refused);
        return Page();
    }

    private void Explain(SignInLinks.Refusal refusal)
    {
        (Problem, var status) = refusal switch
        {
            SignInLinks.Refusal.None => ((string?)null, StatusCodes.Status200OK),
            SignInLinks.Refusal.Used => (Text.Link_Used, StatusCodes.Status410Gone),
            SignInLinks.Refusal.Expired => (Text.Link_Expired, StatusCodes.Status410Gone),
            SignInLinks.Refusal.UserInactive => (Text.Link_UserInactive, StatusCodes.Status403Forbidden),
            SignInLinks.Refusal.TooMany => (Text.SignIn_TooMany, StatusCodes.Status429TooManyRequests),
            _ => (Text.Link_Unknown, StatusCodes.Status404NotFound),
        };
        Response.StatusCode = status;
    }
}
