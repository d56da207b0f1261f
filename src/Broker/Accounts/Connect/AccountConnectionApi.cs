using Broker.Access;
using Broker.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Accounts.Connect;

/// <summary>
/// Connecting channel accounts through the platforms' OAuth flows: start (the authorize URL to open), the platform's
/// callback, the offered accounts (never their tokens), and the choice that creates the accounts.
/// </summary>
public static class AccountConnectionApi
{
    public static IEndpointRouteBuilder MapAccountConnectionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Account connection");
        group.MapPost("/connect/{platform}", Start).RequireAuthorization(Policies.Managers);
        group.MapGet("/connections/{id}", Get).RequireAuthorization(Policies.Managers);
        group.MapPost("/connections/{id}/select", Select).RequireAuthorization(Policies.Managers);

        // The platforms redirect the person's browser here: the unguessable, single-use state, and the cookie of the
        // browser that started the connection, are what authorise it.
        app.MapGet("/oauth/callback/{platform}", Callback).WithTags("Account connection").AllowAnonymous();
        return app;
    }

    public sealed record StartConnectionRequest(string? Opd);

    public sealed record SelectAccountsRequest(string[]? ExternalIds);

    public sealed record StartedConnectionView(string Id, string Platform, string Opd, Uri AuthorizeUrl, string State, DateTimeOffset ExpiresAt);

    public sealed record CandidateView(string Platform, string ExternalId, string Name, string? Description, string? ExistingAccountId, string? AccountId);

    /// <summary>A connection as the API shows it: the offered accounts, never their credentials.</summary>
    public sealed record ConnectionView(
        string Id, string Platform, string Opd, ConnectionStatus Status, string? Error, DateTimeOffset ExpiresAt, CandidateView[] Candidates)
    {
        public static ConnectionView Of(AccountConnection c) => new(
            c.Id,
            c.Platform,
            c.Opd,
            c.Status,
            c.Error,
            c.ExpiresAt,
            [.. c.Candidates.Select(a => new CandidateView(a.Platform, a.ExternalId, a.Name, a.Description, a.ExistingAccountId, a.AccountId))]);
    }

    public sealed record SelectedAccountsView(ConnectionView Connection, AccountsApi.AccountView[] Accounts);

    public static async Task<Results<Created<StartedConnectionView>, ValidationProblem, ProblemHttpResult>> Start(
        string platform,
        StartConnectionRequest request,
        AccountConnections connections,
        IOptions<AccountConnectionOptions> options,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        if (request.Opd is { Length: > 0 } opd && !Caller.Of(context).Sees(opd))
        {
            return ApiResults.Forbidden($"An OPD admin connects accounts only for their own OPD, not '{opd}'.");
        }

        var binding = ConnectionBinding.Bind(context, options.Value.StateLifetime + options.Value.SelectionLifetime);
        var step = await connections.StartAsync(platform, request.Opd, Actor.Of(context), binding, cancellationToken);
        if (step.Problem is { } problem)
        {
            return Refuse<Created<StartedConnectionView>>(problem);
        }

        var (connection, authorizeUrl) = step.Value!;
        return TypedResults.Created(
            $"/api/accounts/connections/{connection.Id}",
            new StartedConnectionView(connection.Id, connection.Platform, connection.Opd, authorizeUrl, connection.State, connection.ExpiresAt));
    }

    /// <summary>
    /// The platform's redirect back. A browser (it asks for HTML) goes on to the page where the person ticks the accounts
    /// to add; an API client gets the connection as JSON, as before.
    /// </summary>
    public static async Task<Results<Ok<ConnectionView>, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> Callback(
        string platform,
        string? code,
        string? state,
        string? error,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "error_description")] string? errorDescription,
        AccountConnections connections,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var step = await connections.CompleteAsync(
            platform,
            new ConnectionCallback(code, state, error, errorDescription),
            connection => ConnectionBinding.Matches(context, connection.BrowserBindingHash),
            Actor.OrSystem(context),
            cancellationToken);
        if (step.Problem is { } problem)
        {
            return Refuse(problem) switch
            {
                ValidationProblem invalid => invalid,
                var other => (ProblemHttpResult)other,
            };
        }

        return WantsPage(context.Request)
            ? TypedResults.Redirect($"/akun/sambung/{Uri.EscapeDataString(step.Value!.Id)}")
            : TypedResults.Ok(ConnectionView.Of(step.Value!));
    }

    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(t => t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static async Task<Results<Ok<ConnectionView>, ProblemHttpResult>> Get(string id, IAccountConnectionStore connections, HttpContext context, CancellationToken cancellationToken) =>
        await connections.GetAsync(id, cancellationToken) is { } connection && Caller.Of(context).Sees(connection.Opd)
            ? TypedResults.Ok(ConnectionView.Of(connection))
            : ApiResults.NotFound("account connection", id);

    public static async Task<Results<Ok<SelectedAccountsView>, ValidationProblem, ProblemHttpResult>> Select(
        string id, SelectAccountsRequest request, ConnectionSelection selection, IAccountConnectionStore connections, HttpContext context, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(id, cancellationToken) is not { } connection || !Caller.Of(context).Sees(connection.Opd))
        {
            return ApiResults.NotFound("account connection", id);
        }

        if (connection.StartedBy != Actor.Of(context))
        {
            return Refuse<Ok<SelectedAccountsView>>(ConnectionProblem.OtherBrowser(
                "Only the person who started this connection may choose its accounts; start a connection of your own."));
        }

        var step = await selection.SelectAsync(id, request.ExternalIds, Actor.Of(context), cancellationToken);
        if (step.Problem is { } problem)
        {
            return Refuse<Ok<SelectedAccountsView>>(problem);
        }

        var selected = step.Value!;
        return TypedResults.Ok(new SelectedAccountsView(ConnectionView.Of(selected.Connection), [.. selected.Accounts.Select(AccountsApi.AccountView.Of)]));
    }

    private static Results<T, ValidationProblem, ProblemHttpResult> Refuse<T>(ConnectionProblem problem)
        where T : IResult => Refuse(problem) switch
        {
            ValidationProblem invalid => invalid,
            var other => (ProblemHttpResult)other,
        };

    private static IResult Refuse(ConnectionProblem problem)
    {
        if (problem.Field is { } field)
        {
            return ApiResults.Invalid(field, problem.Detail);
        }

        var extensions = new Dictionary<string, object?> { [ProblemCodes.Member] = problem.Code };
        if (problem.PageMessage is { } page)
        {
            extensions["page"] = page;
        }

        return TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail, extensions: extensions);
    }
}
