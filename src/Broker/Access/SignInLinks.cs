using Broker.Audit;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// One-time sign-in links, for people who will never paste a token: an editor makes a link (sent over WhatsApp), and its
/// code is exchanged once, before it expires, for the usual cookie session. Only the code's hash is stored; every
/// creation, use and refusal of a known link is audited; refused codes count against the address like refused tokens.
/// </summary>
public sealed class SignInLinks(ISignInLinkStore links, IUserStore users, FailedTokenLimiter failures, Auditor audit, PublicUrls urls, IOptions<AccessOptions> options, TimeProvider time)
{
    /// <summary>Where a link's page lives; the code follows.</summary>
    public const string PagePath = "/masuk/tautan/";

    public enum Refusal
    {
        None,
        Unknown,
        Used,
        Expired,
        UserInactive,
        TooMany,
    }

    public sealed record Issued(string UserId, string Url, DateTimeOffset ExpiresAt);

    public sealed record Outcome(User? User, Refusal Refused);

    /// <summary>Makes a link for <paramref name="user"/> (who must be active; the caller checks).</summary>
    public async Task<Issued> CreateAsync(User user, string actor, CancellationToken cancellationToken) =>
        (await CreateAllAsync([user], actor, cancellationToken))[0];

    /// <summary>Makes one link per user, stored in one transaction.</summary>
    public async Task<IReadOnlyList<Issued>> CreateAllAsync(IReadOnlyList<User> forUsers, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = now + options.Value.SignInLinkLifetime;
        var issued = new List<Issued>(forUsers.Count);
        var made = new List<SignInLink>(forUsers.Count);
        foreach (var user in forUsers)
        {
            var code = AccessTokens.Create()[AccessTokens.Prefix.Length..];
            made.Add(new SignInLink { Id = AccessTokens.Hash(code), UserId = user.Id, CreatedBy = actor, CreatedAt = now, ExpiresAt = expiresAt });
            issued.Add(new Issued(user.Id, urls.For(PagePath + code).ToString(), expiresAt));
        }

        await links.AddAllAsync(made, cancellationToken);
        foreach (var batch in made.Chunk(50))
        {
            // All of a batch at once: the stores commit writes that arrive together in one transaction.
            await Task.WhenAll(batch.Select(link => audit.RecordAsync(actor, "sign-in-link.created", "user", link.UserId, $"until {link.ExpiresAt:u}", cancellationToken)));
        }

        return issued;
    }

    /// <summary>What a link is, without using it: for the page that asks the person to confirm.</summary>
    public async Task<Refusal> CheckAsync(HttpContext context, string code, CancellationToken cancellationToken)
    {
        var link = await links.GetAsync(AccessTokens.Hash(code.Trim()), cancellationToken);
        var refusal = link is null ? Refusal.Unknown : link.UsedAt is not null ? Refusal.Used : link.ExpiresAt <= time.GetUtcNow() ? Refusal.Expired : Refusal.None;
        return refusal == Refusal.None ? refusal : CountFailure(context, refusal);
    }

    /// <summary>Uses the link and signs its user in with the session cookie; of two uses at once, one signs in.</summary>
    public async Task<Outcome> SignInAsync(HttpContext context, string code, CancellationToken cancellationToken)
    {
        var id = AccessTokens.Hash(code.Trim());
        var now = time.GetUtcNow();
        if (await links.TryUseAsync(id, now, cancellationToken) is { } used)
        {
            var user = await users.GetAsync(used.UserId, cancellationToken);
            if (user is null || user.RevokedAt is not null || user.TokenExpiresAt <= now)
            {
                await audit.RecordAsync(Auditor.System, "sign-in-link.refused", "user", used.UserId, "the user is revoked or expired", cancellationToken);
                return new Outcome(null, Refusal.UserInactive);
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principals.Of(user, CookieAuthenticationDefaults.AuthenticationScheme));
            await audit.RecordAsync(user.Id, "sign-in-link.used", "user", user.Id, null, cancellationToken);
            return new Outcome(user, Refusal.None);
        }

        var link = await links.GetAsync(id, cancellationToken);
        var refusal = link is null ? Refusal.Unknown : link.UsedAt is not null ? Refusal.Used : Refusal.Expired;
        refusal = CountFailure(context, refusal);
        if (link is not null && refusal != Refusal.TooMany)
        {
            await audit.RecordAsync(Auditor.System, "sign-in-link.refused", "user", link.UserId, refusal == Refusal.Used ? "used already" : "expired", cancellationToken);
        }

        return new Outcome(null, refusal);
    }

    private Refusal CountFailure(HttpContext context, Refusal refusal)
    {
        if (failures.IsBlocked(context))
        {
            return Refusal.TooMany;
        }

        failures.RecordFailure(context);
        return refusal;
    }
}
