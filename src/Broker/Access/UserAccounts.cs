using Broker.Api;
using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>Creates users, rotates and revokes their tokens: the rules the API and the users page share.</summary>
public sealed class UserAccounts(IUserStore users, UserDirectory directory, Auditor audit, IOptions<AccessOptions> options, TimeProvider time)
{
    /// <summary>The user and their new token (shown once), a conflict, or problems per field.</summary>
    public sealed record Outcome(User? User, string? Token, string? Conflict, FieldErrors? Errors)
    {
        public static Outcome Invalid(FieldErrors errors) => new(null, null, null, errors);

        public static Outcome Refused(string conflict) => new(null, null, conflict, null);
    }

    public async Task<Outcome> CreateAsync(UsersApi.CreateUserRequest request, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        errors.Text("name", request.Name, 200);
        UserRole? role = null;
        if (string.IsNullOrWhiteSpace(request.Role))
        {
            errors.Add("role", MessageCodes.UserRoleRequired, "role is required: editor, reporter, opdAdmin or asn.");
        }
        else if (Enum.GetValues<UserRole>().FirstOrDefault(r => Roles.Name(r) == request.Role) is var parsed && Roles.Name(parsed) == request.Role)
        {
            role = parsed;
        }
        else
        {
            errors.Add("role", MessageCodes.UserUnknownRole, $"Unknown role '{request.Role}'; use editor, reporter, opdAdmin or asn.", ("role", request.Role));
        }

        var opd = await directory.CheckScopeAsync(errors, role, request.Opd, request.AsnNip, cancellationToken);
        var expiresAt = CheckExpiry(errors, request.ExpiresAt, now);
        if (errors.Any)
        {
            return Outcome.Invalid(errors);
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
            CreatedBy = actor,
            CreatedAt = now,
        };
        await users.AddAsync(user, cancellationToken);
        await audit.RecordAsync(actor, "user.created", "user", user.Id, $"{Roles.Name(user.Role)} {user.Name}", cancellationToken);
        return new Outcome(user, token, null, null);
    }

    /// <summary>Revokes the user (at once, for every session); refused for the last active editor. Null when unknown.</summary>
    public async Task<Outcome?> RevokeAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (user.RevokedAt is null)
        {
            var otherEditors = (await users.ListAsync(cancellationToken))
                .Count(u => u.Id != id && u.Role == UserRole.Editor && u.RevokedAt is null && u.TokenExpiresAt > now);
            if (user.Role == UserRole.Editor && otherEditors == 0)
            {
                return Outcome.Refused("This is the last active editor; create another editor before revoking this one.");
            }

            user.RevokedAt = now;
            await users.UpdateAsync(user, cancellationToken);
            await audit.RecordAsync(actor, "user.revoked", "user", user.Id, user.Name, cancellationToken);
        }

        return new Outcome(user, null, null, null);
    }

    /// <summary>Replaces a user's token (the old one and its sessions stop working at once). Null when unknown.</summary>
    public async Task<Outcome?> RotateAsync(string id, DateTimeOffset? requestedExpiry, string actor, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (user.RevokedAt is not null)
        {
            return Outcome.Refused("A revoked user gets no new token; create a new user.");
        }

        var errors = new FieldErrors();
        var expiresAt = CheckExpiry(errors, requestedExpiry, time.GetUtcNow());
        if (errors.Any)
        {
            return Outcome.Invalid(errors);
        }

        var token = AccessTokens.Create();
        user.TokenHash = AccessTokens.Hash(token);
        user.TokenExpiresAt = expiresAt;
        await users.UpdateAsync(user, cancellationToken);
        await audit.RecordAsync(actor, "user.token-rotated", "user", user.Id, user.Name, cancellationToken);
        return new Outcome(user, token, null, null);
    }

    /// <summary>Why no sign-in link can be made for the user now, or null.</summary>
    public string? WhyNoSignInLink(User user) =>
        user.RevokedAt is not null ? "The user is revoked; create a new user."
        : user.TokenExpiresAt <= time.GetUtcNow() ? "The user's access has expired; rotate their token with a new expiry first."
        : null;

    private DateTimeOffset CheckExpiry(FieldErrors errors, DateTimeOffset? requested, DateTimeOffset now)
    {
        if (requested is { } at && (at <= now || at > now + TimeSpan.FromDays(3650)))
        {
            errors.Add("expiresAt", MessageCodes.UserExpiry, "expiresAt must be in the future and at most ten years away.");
        }

        return requested ?? now + options.Value.TokenLifetime;
    }
}
