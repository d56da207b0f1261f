using Broker.Access;
using Broker.Accounts;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.People;

/// <summary>
/// The users, for editors: create one (role, OPD or ASN binding, expiry), rotate a token, revoke, and make a one-time
/// sign-in link. A new token or link is shown on the answer to its form only, never again. The rules are
/// <see cref="UserAccounts"/>'s, as the API's are.
/// </summary>
[Authorize(Policy = Policies.Editor)]
public sealed class UserListModel(IUserStore users, IOpdStore opds, UserAccounts accounts, SignInLinks links, LocalTime time) : PageModel
{
    public sealed class CreateForm
    {
        public string? Name { get; set; }

        public string? Role { get; set; }

        public string? Opd { get; set; }

        public string? AsnNip { get; set; }

        /// <summary>The last day the access works (local), or empty for the default lifetime.</summary>
        public string? ExpiresOn { get; set; }
    }

    /// <summary>What was just made, to show once: a token or a sign-in link, and for whom.</summary>
    public sealed record Secret(string For, string? Token, string? LinkUrl, DateTimeOffset ExpiresAt);

    [BindProperty]
    public CreateForm Form { get; set; } = new();

    public IReadOnlyList<User> Users { get; private set; } = [];

    public IReadOnlyList<Opd> Opds { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Error { get; private set; }

    public Secret? Shown { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? expiresAt = null;
        var errors = new FieldErrors();
        if (!string.IsNullOrWhiteSpace(Form.ExpiresOn))
        {
            if (DateOnly.TryParseExact(Form.ExpiresOn, "yyyy-MM-dd", out var day))
            {
                expiresAt = time.StartOf(day.AddDays(1));
            }
            else
            {
                errors.Add("expiresAt", Text.People_BadDate);
            }
        }

        var request = new UsersApi.CreateUserRequest(Form.Name, Form.Role, Blank(Form.Opd), Blank(Form.AsnNip?.Trim()), expiresAt);
        var outcome = errors.Any ? UserAccounts.Outcome.Invalid(errors) : await accounts.CreateAsync(request, Actor.Of(HttpContext), cancellationToken);
        if (outcome.Errors is { } invalid)
        {
            Errors = MessageText.Of(invalid);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Shown = new Secret(outcome.User!.Name, outcome.Token, null, outcome.User.TokenExpiresAt);
            Form = new();
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(await accounts.RotateAsync(id, null, Actor.Of(HttpContext), cancellationToken), o => new Secret(o.User!.Name, o.Token, null, o.User.TokenExpiresAt), cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken cancellationToken) =>
        await ShowAsync(await accounts.RevokeAsync(id, Actor.Of(HttpContext), cancellationToken), _ => null, cancellationToken);

    public async Task<IActionResult> OnPostLinkAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(id, cancellationToken) is not { } user)
        {
            return NotFound();
        }

        if (accounts.WhyNoSignInLink(user) is not null)
        {
            return await ShowAsync(UserAccounts.Outcome.Refused(Text.People_NoLink), _ => null, cancellationToken);
        }

        var issued = await links.CreateAsync(user, Actor.Of(HttpContext), cancellationToken);
        Shown = new Secret(user.Name, null, issued.Url, issued.ExpiresAt);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public string State(User user) =>
        user.RevokedAt is not null ? Text.People_Revoked : user.TokenExpiresAt <= time.Now ? Text.People_Expired : Text.People_Active;

    private async Task<IActionResult> ShowAsync(UserAccounts.Outcome? outcome, Func<UserAccounts.Outcome, Secret?> shown, CancellationToken cancellationToken)
    {
        if (outcome is null)
        {
            return NotFound();
        }

        if (outcome.Conflict is not null)
        {
            Error = outcome.Conflict;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            Shown = shown(outcome);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Users = [.. (await users.ListAsync(cancellationToken)).OrderByDescending(u => u.CreatedAt)];
        Opds = await opds.ListAsync(cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
