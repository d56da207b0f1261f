using Broker.Access;
using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Asn;

/// <summary>
/// Sign-in for every active ASN of an OPD at once: each gets an ASN user (made now when they have none) and a one-time
/// sign-in link, ready to send over WhatsApp. Onboarding thousands of civil servants one by one is not possible.
/// </summary>
public sealed class AsnSignIns(IAsnStore directory, IUserStore users, SignInLinks links, Auditor audit, IOptions<AccessOptions> options, TimeProvider time) : IDisposable
{
    private const int Page = 1000;

    private const int Batch = 50;

    // Two hand-outs at once on this node would each make a user for an ASN who has none; they take turns instead.
    // (Across nodes two runs at once can still make two users for one ASN: both work, an editor may revoke one.)
    private readonly SemaphoreSlim turn = new(1, 1);

    /// <summary>An ASN's link, and the wa.me address that opens WhatsApp with the message to them (when they have a phone).</summary>
    public sealed record Handout(AsnRecord Asn, string Url, DateTimeOffset ExpiresAt, string? WhatsApp);

    public async Task<IReadOnlyList<Handout>> CreateAsync(string opd, string message, string actor, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await HandOutAsync(opd, message, actor, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    private async Task<IReadOnlyList<Handout>> HandOutAsync(string opd, string message, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var records = new List<AsnRecord>();
        for (string? after = null; ;)
        {
            var page = await directory.PageAsync(new AsnPageQuery(opd, null, after, Page), cancellationToken);
            records.AddRange(page.Where(a => a.Active));
            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Id;
        }

        var existing = (await users.ListAsync(cancellationToken))
            .Where(u => u is { Role: UserRole.Asn, RevokedAt: null, AsnNip: not null } && u.TokenExpiresAt > now)
            .GroupBy(u => u.AsnNip!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var forUsers = new List<User>(records.Count);
        var made = new List<User>();
        foreach (var asn in records)
        {
            if (!existing.TryGetValue(asn.Id, out var user))
            {
                // The token is never shown: the person signs in with links, and an editor can rotate it for them later.
                user = new User
                {
                    Id = Guid.NewGuid().ToString("N"),
                    Name = asn.Name,
                    Role = UserRole.Asn,
                    Opd = asn.Opd,
                    AsnNip = asn.Id,
                    TokenHash = AccessTokens.Hash(AccessTokens.Create()),
                    TokenExpiresAt = now + options.Value.TokenLifetime,
                    CreatedBy = actor,
                    CreatedAt = now,
                };
                made.Add(user);
            }

            forUsers.Add(user);
        }

        // Written a batch at a time, all of a batch at once: the stores commit writes that arrive together in one
        // transaction, so 300 users cost a few commits, not 300 (each ASN still gets their own audit entry).
        foreach (var batch in made.Chunk(Batch))
        {
            await Task.WhenAll(batch.Select(u => users.AddAsync(u, cancellationToken)));
            await Task.WhenAll(batch.Select(u => audit.RecordAsync(actor, "user.created", "user", u.Id, $"asn {u.Name} (bulk sign-in)", cancellationToken)));
        }

        var issued = await links.CreateAllAsync(forUsers, actor, cancellationToken);
        return [.. records.Zip(issued, (asn, link) => new Handout(asn, link.Url, link.ExpiresAt, WhatsApp(asn.Phone, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, asn.Name, link.Url))))];
    }

    /// <summary>The wa.me address for an Indonesian phone number (0812…, +62812…, 62812…), or null when there is none.</summary>
    public static string? WhatsApp(string? phone, string text)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        var number = digits switch
        {
            { Length: < 8 } => null,
            _ when digits.StartsWith('0') => "62" + digits[1..],
            _ when digits.StartsWith('8') => "62" + digits,
            _ => digits,
        };
        return number is null ? null : $"https://wa.me/{number}?text={Uri.EscapeDataString(text)}";
    }
}
