using Broker.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages;

/// <summary>The person pastes the token an editor gave them; <see cref="SessionSignIn"/> checks it and sets the cookie.</summary>
[AllowAnonymous]
public sealed class SignInModel(SessionSignIn signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            Problem = Text.SignIn_Missing;
            return Page();
        }

        var outcome = await signIn.SignInAsync(HttpContext, token, cancellationToken);
        if (outcome.User is not { } user)
        {
            Problem = outcome.Status == StatusCodes.Status429TooManyRequests ? Text.SignIn_TooMany : Text.SignIn_Refused;
            Response.StatusCode = outcome.Status;
            return Page();
        }

        var home = Navigation.Home(new Caller(user.Id, user.Name, user.Role, user.Opd, user.AsnNip));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : home);
    }
}
