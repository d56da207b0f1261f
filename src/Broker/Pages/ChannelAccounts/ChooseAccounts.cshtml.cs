using Broker.Access;
using Broker.Accounts.Connect;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Broker.Pages.ChannelAccounts;

/// <summary>
/// Where the platform's login leads back to: the accounts it offered, as a list to tick, never their tokens. The
/// choice goes through <see cref="ConnectionSelection"/>, as <c>POST /api/accounts/connections/{id}/select</c> does;
/// only the person who started the connection may make it, and only once.
/// </summary>
[Authorize(Policy = Policies.Managers)]
public sealed class ChooseAccountsModel(IAccountConnectionStore connections, ConnectionSelection selection) : PageModel
{
    public AccountConnection Connection { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, string[]? externalIds, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var step = await selection.SelectAsync(id, externalIds, Actor.Of(HttpContext), cancellationToken);
        if (step.Value is { } selected)
        {
            return Redirect($"/akun?tersambung={selected.Accounts.Count}");
        }

        var problem = step.Problem!;
        Error = problem.Field == "externalIds" ? Text.Choose_NoneChosen : ProblemText.Explain(problem.Code);
        Response.StatusCode = problem.Status;
        Connection = (await connections.GetAsync(id, cancellationToken))!;
        return Page();
    }

    /// <summary>Reads the connection; a refusal when it is not the caller's to see (404) or to choose from (403).</summary>
    private async Task<IActionResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(id, cancellationToken) is not { } connection || !Caller.Of(User).Sees(connection.Opd))
        {
            return NotFound();
        }

        if (connection.StartedBy != Actor.Of(HttpContext))
        {
            return Forbid();
        }

        Connection = connection;
        return null;
    }

    /// <summary>What the page says of a connection that offers nothing to choose (any more).</summary>
    public string? StatusText => Connection.Status switch
    {
        ConnectionStatus.Ready => null,
        ConnectionStatus.Completed or ConnectionStatus.Choosing => Text.Choose_Completed,
        ConnectionStatus.Denied => ProblemText.Explain(ProblemCodes.ConsentDenied),
        ConnectionStatus.Failed => Text.Choose_Failed,
        _ => Text.Choose_Pending,
    };
}
