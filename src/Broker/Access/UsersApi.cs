using Broker.Api;
using Broker.Audit;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
        CreateUserRequest request,
        IUserStore users,
        IOpdStore opds,
        UserDirectory directory,
        Auditor audit,
        IOptions<AccessOptions> options,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        errors.Text("name", request.Name, 200);
        UserRole? role = null;
        if (string.IsNullOrWhiteSpace(request.Role))
        {
            errors.Add("role", "role is required: editor, reporter, opdAdmin or asn.");
        }
        else if (Enum.GetValues<UserRole>().FirstOrDefault(r => Roles.Name(r) == request.Role) is var parsed && Roles.Name(parsed) == request.Role)
        {
            role = parsed;
        }
        else
        {
            errors.Add("role", $"Unknown role '{request.Role}'; use editor, reporter, opdAdmin or asn.");
        }

        var opd = await directory.CheckScopeAsync(errors, role, request.Opd, request.AsnNip, cancellationToken);
        var expiresAt = CheckExpiry(errors, request.ExpiresAt, now, options.Value);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var token = AccessTokens.Create();
        var user = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = request.Name!.Trim(),
            Role = role!.Value,
            Opd = opd,
            AsnNip = role == UserRole.Asn ? request.AsnNip : null,
            TokenHash = AccessTokens.Hash(token),
            TokenExpiresAt = expiresAt,
            CreatedBy = Caller.Of(context).Id,
            CreatedAt = now,
        };
        await users.AddAsync(user, cancellationToken);
        await audit.RecordAsync(Actor.Of(context), "user.created", "user", user.Id, $"{Roles.Name(user.Role)} {user.Name}", cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", Issued(user, token));
    }

    public static async Task<Ok<UserView[]>> List(IUserStore users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken)).Select(UserView.Of).ToArray());

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> Me(IUserStore users, HttpContext context, CancellationToken cancellationToken) =>
        await users.GetAsync(Caller.Of(context).Id, cancellationToken) is { } user ? TypedResults.Ok(UserView.Of(user)) : ApiResults.NotFound("user", Caller.Of(context).Id);

    public static async Task<Results<Ok<UserView>, ProblemHttpResult>> Revoke(
        string id, IUserStore users, Auditor audit, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return ApiResults.NotFound("user", id);
        }

        var now = time.GetUtcNow();
        if (user.RevokedAt is null)
        {
            var otherEditors = (await users.ListAsync(cancellationToken))
                .Count(u => u.Id != id && u.Role == UserRole.Editor && u.RevokedAt is null && u.TokenExpiresAt > now);
            if (user.Role == UserRole.Editor && otherEditors == 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state",
                    detail: "This is the last active editor; create another editor before revoking this one.");
            }

            user.RevokedAt = now;
            await users.UpdateAsync(user, cancellationToken);
            await audit.RecordAsync(Actor.Of(context), "user.revoked", "user", user.Id, user.Name, cancellationToken);
        }

        return TypedResults.Ok(UserView.Of(user));
    }

    /// <summary>Replaces a user's token (the old one stops working at once) and shows the new one once.</summary>
    public static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> Rotate(
        string id, RotateTokenRequest? request, IUserStore users, Auditor audit, IOptions<AccessOptions> options, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return ApiResults.NotFound("user", id);
        }

        if (user.RevokedAt is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state", detail: "A revoked user gets no new token; create a new user.");
        }

        var errors = new FieldErrors();
        var expiresAt = CheckExpiry(errors, request?.ExpiresAt, time.GetUtcNow(), options.Value);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var token = AccessTokens.Create();
        user.TokenHash = AccessTokens.Hash(token);
        user.TokenExpiresAt = expiresAt;
        await users.UpdateAsync(user, cancellationToken);
        await audit.RecordAsync(Actor.Of(context), "user.token-rotated", "user", user.Id, user.Name, cancellationToken);
        return TypedResults.Ok(Issued(user, token));
    }

    private static DateTimeOffset CheckExpiry(FieldErrors errors, DateTimeOffset? requested, DateTimeOffset now, AccessOptions options)
    {
        if (requested is { } at && (at <= now || at > now + TimeSpan.FromDays(3650)))
        {
            errors.Add("expiresAt", "expiresAt must be in the future and at most ten years away.");
        }

        return requested ?? now + options.TokenLifetime;
    }

    private static IssuedToken Issued(User user, string token) =>
        new(user.Id, user.Name, Roles.Name(user.Role), user.Opd, user.AsnNip, token, user.TokenExpiresAt);
}
