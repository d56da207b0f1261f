using Broker.Access;
using Broker.Asn;
using Broker.Guardrails;
using Broker.Storage;

namespace Broker.Sharing;

/// <summary>
/// One ASN's share list: the items open for sharing to them, newest first, each with their personal link (intents, QR)
/// and the clicks it brought. <c>GET /api/share-list</c> and the <c>/asn</c> page both read it here.
/// </summary>
public sealed class ShareList(OpenItems openItems, IAsnStore directory, IClickStore clicks, ShareLinks links, ElectionGuard election)
{
    /// <summary>The most items a share list shows: the latest shared.</summary>
    public const int MostShown = 100;

    /// <summary>Why a caller may not read the share list they asked for.</summary>
    public enum Refusal
    {
        /// <summary>An ASN asked for someone else's list, or a reporter for any.</summary>
        Forbidden,

        /// <summary>An editor or OPD admin did not say whose list.</summary>
        NipMissing,

        /// <summary>No such ASN, or one of another OPD (an OPD admin may not learn that it exists).</summary>
        NotFound,
    }

    /// <summary>The ASN whose list is asked for, or why not (with a message for an API caller).</summary>
    public sealed record Owner(AsnRecord? Asn, Refusal? Refused, string? Reason);

    public sealed record Entry(string ItemId, string Title, string Opd, DateTimeOffset? Until, ShareLinks.ShareLinkView Link, ClickCounts Clicks);

    /// <summary>
    /// The list and the ASN's counts over all their links (items no longer shared included); <paramref name="Hold"/> says
    /// what an election period in force left out.
    /// </summary>
    public sealed record Listing(AsnRecord Asn, IReadOnlyList<Entry> Entries, ClickCounts Clicks, ShareHold? Hold = null);

    /// <summary>The caller's own record for an ASN; the one named for an editor, or for an OPD admin when of their OPD.</summary>
    public async Task<Owner> OwnerAsync(string? nip, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Role == UserRole.Asn)
        {
            if (!string.IsNullOrEmpty(nip) && nip != caller.AsnNip)
            {
                return new Owner(null, Refusal.Forbidden, "An ASN reaches only their own share links.");
            }

            nip = caller.AsnNip;
        }
        else if (caller.Role == UserRole.Reporter)
        {
            return new Owner(null, Refusal.Forbidden, "Share links belong to ASN; reporters have none.");
        }
        else if (string.IsNullOrWhiteSpace(nip))
        {
            return new Owner(null, Refusal.NipMissing, "asn (the NIP of the ASN whose link you want) is required.");
        }

        var record = await directory.GetAsync(nip!, cancellationToken);
        return record is null || !(caller.Role == UserRole.Asn || caller.Sees(record.Opd))
            ? new Owner(null, Refusal.NotFound, $"There is no ASN '{nip}'.")
            : new Owner(record, null, null);
    }

    public async Task<Listing> BuildAsync(AsnRecord asn, CancellationToken cancellationToken)
    {
        var counts = await clicks.CountsByNipAsync(asn.Id, cancellationToken);
        var entries = new List<Entry>();
        var inForce = await election.NowAsync(cancellationToken);
        var open = (await openItems.ListAsync(cancellationToken)).Where(o => links.WhyNotShared(o.Item, asn) is null).Take(MostShown).ToList();
        var withheld = open.Select(o => (o.Item, Period: ElectionGuard.Withholding(o.Item, inForce))).Where(w => w.Period is not null).ToList();
        var hold = withheld.Count == 0 ? null : new ShareHold(withheld[0].Period!.Name, withheld[0].Period!.EndsAt, withheld[0].Period!.FreezeAsnSharing, withheld.Count);
        var frozen = inForce.FirstOrDefault(p => p.FreezeAsnSharing);
        if (frozen is not null)
        {
            hold = new ShareHold(frozen.Name, frozen.EndsAt, true, open.Count);
        }

        var shown = open.Where(o => withheld.All(w => w.Item != o.Item)).ToList();
        // A link is made on the ASN's first view of the item (all of a first view's in one write); later views find them
        // among the links the counts were read with.
        var made = new Dictionary<string, ShareLink>(counts.Links.Count, StringComparer.Ordinal);
        foreach (var link in counts.Links)
        {
            made.TryAdd(link.ItemId, link);
        }

        if (shown.Where(o => !made.ContainsKey(o.Item.Id)).Select(o => o.Item).ToList() is { Count: > 0 } missing)
        {
            var added = await links.GetOrAddAllAsync(missing, asn, cancellationToken);
            foreach (var (itemId, link) in added)
            {
                made[itemId] = link;
            }
        }

        foreach (var one in shown)
        {
            var (item, link) = (one.Item, made[one.Item.Id]);
            entries.Add(new Entry(item.Id, item.Title, item.Opd, item.ShareUntil, links.View(link, one.Text, one.EscapedText), counts.PerLink.GetValueOrDefault(link.Id) ?? ClickCounts.None));
        }

        return new Listing(asn, entries, counts.All, hold);
    }
}
