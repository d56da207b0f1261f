using Broker.Asn;
using Broker.Hosting;
using Broker.Intake;
using Broker.Rendering;
using Broker.Storage;
using Scriban.Runtime;

namespace Broker.Sharing;

/// <summary>Makes (once) and describes an ASN's share link to an item, with its one-tap intents and QR code.</summary>
public sealed class ShareLinks(IShareLinkStore links, IOpdStore opds, TemplateCatalog templates, TemplateRenderer renderer, PublicUrls urls, TimeProvider time)
{
    public const int MaxShareText = 200;

    /// <summary>The one-tap intents, as absolute URLs (written as text: they are only ever written out).</summary>
    public sealed record Intents(string Whatsapp, string Facebook, string X, string Telegram);

    public sealed record ShareLinkView(string Code, string Url, Intents Intents, string Qr, string Text);

    /// <summary>The address of a share link (a code: nothing to escape), through <paramref name="via"/> when given.</summary>
    public static string LinkUrl(PublicUrls urls, string code, string? via = null) =>
        urls.Text(via is null ? $"s/{code}" : $"s/{code}?via={via}");

    /// <summary>Whether the item is on this ASN's share list now; the reason when not.</summary>
    public string? WhyNotShared(Item item, AsnRecord asn)
    {
        if (!asn.Active)
        {
            return $"ASN {asn.Id} has been deactivated.";
        }

        if (item.RetractedAt is not null)
        {
            return "This item was retracted.";
        }

        if (item.SharedAt is null)
        {
            return "This item is not open for sharing.";
        }

        if (item.ShareUntil is { } until && until <= time.GetUtcNow())
        {
            return $"Sharing of this item ended at {until:u}.";
        }

        return item.ShareOpds.Count > 0 && !item.ShareOpds.Contains(asn.Opd) ? "This item is shared with other OPDs' ASN only." : null;
    }

    public async Task<ShareLinkView> GetOrCreateAsync(Item item, AsnRecord asn, CancellationToken cancellationToken) =>
        View(await GetOrAddAsync(item, asn, cancellationToken), await TextAsync(item, cancellationToken));

    /// <summary>The ASN's link to the item, made now if they have none yet (the same one ever after).</summary>
    public Task<ShareLink> GetOrAddAsync(Item item, AsnRecord asn, CancellationToken cancellationToken) =>
        links.GetOrAddAsync(
            new ShareLink { Id = ShareCodes.Create(), Key = ShareLink.KeyOf(asn.Id, item.Id), Nip = asn.Id, ItemId = item.Id, Opd = asn.Opd, CreatedAt = time.GetUtcNow() },
            cancellationToken);

    /// <summary>The ASN's links to these items by item id, made in one write for those they have none to yet.</summary>
    public Task<IReadOnlyDictionary<string, ShareLink>> GetOrAddAllAsync(IReadOnlyList<Item> items, AsnRecord asn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return links.GetOrAddAllAsync(
            [.. items.Select(item => new ShareLink { Id = ShareCodes.Create(), Key = ShareLink.KeyOf(asn.Id, item.Id), Nip = asn.Id, ItemId = item.Id, Opd = asn.Opd, CreatedAt = now })],
            cancellationToken);
    }

    /// <summary>
    /// The link with its intents carrying <paramref name="text"/> (see <see cref="TextAsync"/>) and its QR code;
    /// <paramref name="escapedText"/> is the text already escaped for a query, when the caller keeps it.
    /// </summary>
    public ShareLinkView View(ShareLink link, string text, string? escapedText = null)
    {
        string Q(string value) => Uri.EscapeDataString(value);
        var q = escapedText ?? Q(text);
        var url = LinkUrl(urls, link.Id);
        string Via(string channel) => Q(LinkUrl(urls, link.Id, channel));
        var intents = new Intents(
            "https://wa.me/?text=" + q + "%0A" + Via(ShareChannels.WhatsApp),
            "https://www.facebook.com/sharer/sharer.php?u=" + Via(ShareChannels.Facebook),
            "https://x.com/intent/tweet?text=" + q + "&url=" + Via(ShareChannels.X),
            "https://t.me/share/url?url=" + Via(ShareChannels.Telegram) + "&text=" + q);
        return new ShareLinkView(link.Id, url, intents, url + "/qr.png", text);
    }

    /// <summary>The short text of the intents, from <c>templates/share.sbn</c> (the OPD's own when it has one); the title if that fails.</summary>
    public async Task<string> TextAsync(Item item, CancellationToken cancellationToken)
    {
        var opd = await opds.GetAsync(item.Opd, cancellationToken);
        var template = templates.Find("share", item.Opd);
        var model = new ScriptObject { ["title"] = item.Title, ["body"] = item.Body, ["opd_code"] = item.Opd, ["opd_name"] = opd?.Name ?? item.Opd };
        var text = (template is null ? null : renderer.Render(template, model).Text)?.Trim();
        text = string.IsNullOrEmpty(text) ? item.Title : text;
        return text.Length > MaxShareText ? text[..(MaxShareText - 1)].TrimEnd() + "…" : text;
    }
}
