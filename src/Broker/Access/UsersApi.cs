using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Access;

/// <summary>Users, managed by editors. A token is shown once, at creation or rotation; only its hash is kept.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users");
        group.MapPost("/", Create).RequireAuthorization(Policies.Editor);
        group.MapGet("/", List).RequireAuthorization(Policies.Editor);
        group.MapGet("/me", Me).RequireAuthorization(Policies.Member);
        group.MapPost("/{id}/revoke", Revoke).RequireAuthorization(Policies.Editor);
        group.MapPost("/{id}/token", Rotate).RequireAuthorization(Policies.Editor);
        group.MapPost("/{id}/sign-in-link", CreateSignInLink).RequireAuthorization(Policies.Editor);
        return app;
    }

    public sealed record CreateUserRequest(string? Name, string? Role, string? Opd, string? AsnNip, DateTimeOffset? ExpiresAt);

    public sealed record RotateTokenRequest(DateTimeOffset? ExpiresAt);

    public sealed record UserView(string Id, string Name, string Role, string? Opd, string? AsnNip, DateTimeOffset TokenExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt)
    {
        public static UserView Of(User u) => new(u.Id, u.Name, Roles.Name(u.Role), u.Opd, u.AsnNip, u.TokenExpiresAt, u.RevokedAt, u.CreatedAt);
    }

    /// <summary>A user with their new token: the only answer that ever carries it.</summary>
    public sealed record IssuedToken(string Id, string Name, string Role, string? Opd, string? AsnNip, string Token, DateTimeOffset ExpiresAt);

    public static async Task<Results<Created<IssuedToken>, ValidationProblem>> Create(
        CreateUserRequest request, UserAccounts accounts, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await accounts.CreateAsync(request, Actor.Of(context), cancellationToken);
        return outcome.Errors is { } errors
            ? ApiResults.Invalid(errors)
            : TypedResults.Created($"/api/users/{outcome.User!.Id}", Issued(outcome.User, outcome.Token!));
    }

    public static async Task<JsonList<UserView[]>> List(IUserStore users, CancellationToken cancellationToken) =>
        ApiResults.List((await users.ListAsync(cancellationToken)).Select(UserView.Of).ToArray());

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> Me(IUserStore users, HttpContext context, CancellationToken cancellationToken) =>
        await users.GetAsync(Caller.Of(context).Id, cancellationToken) is { } user ? TypedResults.Ok(UserView.Of(user)) : ApiResults.NotFound("user", Caller.Of(context).Id);

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> Revoke(string id, UserAccounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        await accounts.RevokeAsync(id, Actor.Of(context), cancellationToken) switch
        {
            null => ApiResults.NotFound("user", id),
            { Conflict: { } conflict } => Conflict(conflict),
            var done => TypedResults.Ok(UserView.Of(done.User!)),
        };

    /// <summary>Replaces a user's token (the old one stops working at once) and shows the new one once.</summary>
    public static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> Rotate(
        string id, RotateTokenRequest? request, UserAccounts accounts, HttpContext context, CancellationToken cancellationToken) =>
        await accounts.RotateAsync(id, request?.ExpiresAt, Actor.Of(context), cancellationToken) switch
        {
            null => ApiResults.NotFound("user", id),
            { Conflict: { } conflict } => Conflict(conflict),
            { Errors: { } errors } => ApiResults.Invalid(errors),
            var done => TypedResults.Ok(Issued(done.User!, done.Token!)),
        };

    /// <summary>A one-time sign-in link for the user (to send over WhatsApp): used once, before it expires.</summary>
    public static async Task<Results<Created<SignInLinks.Issued>, ProblemHttpResult>> CreateSignInLink(
        string id, IUserStore users, UserAccounts accounts, SignInLinks links, HttpContext context, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(id, cancellationToken) is not { } user)
        {
            return ApiResults.NotFound("user", id);
        }

        if (accounts.WhyNoSignInLink(user) is { } why)
        {
            return Conflict(why);
        }

        var issued = await links.CreateAsync(user, Actor.Of(context), cancellationToken);
        return TypedResults.Created(issued.Url, issued);
    }

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state", detail: detail);

    private static IssuedToken Issued(User user, string token) =>
        new(user.Id, user.Name, Roles.Name(user.Role), user.Opd, user.AsnNip, token, user.TokenExpiresAt);
}
