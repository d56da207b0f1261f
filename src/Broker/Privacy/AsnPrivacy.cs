using Broker.Access;
using Broker.Asn;
using Broker.Audit;
using Broker.Sharing;
using Broker.Storage;

namespace Broker.Privacy;

/// <summary>
/// One ASN's personal data: everything the broker holds about them, as one export, and their erasure (name, phone and
/// email replaced, their sign-in ended), which keeps the counts their links earned.
/// </summary>
public sealed class AsnPrivacy(IAsnStore directory, IUserStore users, IShareLinkStore links, IClickStore clicks, IAuditLog auditLog, Auditor audit, TimeProvider time)
{
    /// <summary>The name an erased ASN keeps in the directory and in reports.</summary>
    public const string ErasedName = "ASN terhapus";

    public sealed record UserData(string Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset TokenExpiresAt, DateTimeOffset? RevokedAt);

    public sealed record LinkData(string Code, string ItemId, string Opd, DateTimeOffset CreatedAt, long Clicks, long UniqueVisitors, IReadOnlyDictionary<string, long> ClicksByChannel);

    public sealed record AuditData(DateTimeOffset At, string Actor, string Action, string ObjectType, string ObjectId, string? Detail);

    public sealed record Export(DateTimeOffset GeneratedAt, AsnRecord Asn, IReadOnlyList<UserData> Users, IReadOnlyList<LinkData> ShareLinks, IReadOnlyList<AuditData> Audit);

    public async Task<Export?> ExportAsync(string nip, CancellationToken cancellationToken)
    {
        if (await directory.GetAsync(nip, cancellationToken) is not { } asn)
        {
            return null;
        }

        var theirs = (await users.ListAsync(cancellationToken)).Where(u => u.AsnNip == nip).ToList();
        var perLink = new Dictionary<string, (ClickTally Tally, Dictionary<string, long> Channels)>(StringComparer.Ordinal);
        var madeLinks = new Dictionary<string, ShareLink>(StringComparer.Ordinal);
        foreach (var click in clicks.ReadByNip(nip))
        {
            madeLinks[click.Link.Id] = click.Link;
            if (!perLink.TryGetValue(click.Link.Id, out var entry))
            {
                perLink[click.Link.Id] = entry = (new ClickTally(), new Dictionary<string, long>(StringComparer.Ordinal));
            }

            entry.Tally.Add(click.Visitor);
            entry.Channels[click.Channel] = entry.Channels.GetValueOrDefault(click.Channel) + 1;
        }

        foreach (var day in await clicks.DaysOfNipAsync(nip, cancellationToken))
        {
            madeLinks[day.Link.Id] = day.Link;
            if (!perLink.TryGetValue(day.Link.Id, out var entry))
            {
                perLink[day.Link.Id] = entry = (new ClickTally(), new Dictionary<string, long>(StringComparer.Ordinal));
            }

            entry.Tally.Add(day);
            for (var n = 0; n < day.Channels.Count; n++)
            {
                if (day.Channels[n] > 0)
                {
                    var channel = ShareChannels.All[n];
                    entry.Channels[channel] = entry.Channels.GetValueOrDefault(channel) + day.Channels[n];
                }
            }
        }

        foreach (var link in (await links.ListAsync(null, null, cancellationToken)).Where(l => l.Nip == nip))
        {
            madeLinks[link.Id] = link;
        }

        var linkData = madeLinks.Values.OrderBy(l => l.CreatedAt).Select(l =>
        {
            var counts = perLink.TryGetValue(l.Id, out var e) ? e : (new ClickTally(), new Dictionary<string, long>());
            return new LinkData(l.Id, l.ItemId, l.Opd, l.CreatedAt, counts.Item1.Counts.Total, counts.Item1.Counts.Unique, counts.Item2);
        }).ToList();
        var entries = new List<AuditEntry>(await auditLog.QueryAsync(new AuditQuery(ObjectId: nip, Limit: 10_000), cancellationToken));
        foreach (var user in theirs)
        {
            entries.AddRange(await auditLog.QueryAsync(new AuditQuery(ObjectId: user.Id, Limit: 10_000), cancellationToken));
            entries.AddRange(await auditLog.QueryAsync(new AuditQuery(Actor: user.Id, Limit: 10_000), cancellationToken));
        }

        var auditData = entries.DistinctBy(e => e.Id).OrderBy(e => e.At).Select(e => new AuditData(e.At, e.Actor, e.Action, e.ObjectType, e.ObjectId, e.Detail)).ToList();
        var userData = theirs.Select(u => new UserData(u.Id, u.Name, Roles.Name(u.Role), u.CreatedAt, u.TokenExpiresAt, u.RevokedAt)).ToList();
        return new Export(time.GetUtcNow(), asn, userData, linkData, auditData);
    }

    /// <summary>Erases the ASN: false when there is none. Their links and the clicks counted on them stay.</summary>
    public async Task<bool> EraseAsync(string nip, string actor, CancellationToken cancellationToken)
    {
        if (await directory.GetAsync(nip, cancellationToken) is not { } asn)
        {
            return false;
        }

        var now = time.GetUtcNow();
        asn.Name = ErasedName;
        asn.Phone = null;
        asn.Email = null;
        asn.Active = false;
        asn.DeactivatedAt ??= now;
        await directory.UpdateAsync(asn, cancellationToken);
        foreach (var user in (await users.ListAsync(cancellationToken)).Where(u => u.AsnNip == nip))
        {
            user.Name = ErasedName;
            user.RevokedAt ??= now; // the cookie of a signed-in session is checked against this on its next request
            await users.UpdateAsync(user, cancellationToken);
        }

        await audit.RecordAsync(actor, "asn.erased", "asn", nip, "name, phone and email replaced; sign-in ended (UU PDP 27/2022)", cancellationToken);
        return true;
    }
}
