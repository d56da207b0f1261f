using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Sharing;

/// <summary>
/// Resolves a code to its item's target (its portal link, else its first published permalink), keeping each answer in
/// memory for <see cref="SharingOptions.LinkCacheTime"/> so the redirect path rarely reads the database. Everything
/// cached is derived from the store, so several nodes can each keep their own.
/// </summary>
public sealed class LinkResolver(
    IShareLinkStore links,
    IItemStore items,
    IDeliveryStore deliveries,
    PublicUrls urls,
    IOptions<SharingOptions> options,
    TimeProvider time)
{
    /// <summary>Known codes exist only as share links made by signed-in people, so counting them is bound enough.</summary>
    private const int MaxCached = 200_000;

    private readonly ConcurrentDictionary<string, (ResolvedLink Link, DateTimeOffset Until)> known = new(StringComparer.Ordinal);

    private readonly UnknownCodeCache unknown = new(options.Value.UnknownCodeCacheBytes);

    /// <summary>What the cache of unknown codes holds, counted as <see cref="UnknownCodeCache.Bytes"/>.</summary>
    internal long UnknownCodeBytes => unknown.Bytes;

    /// <summary>
    /// The link, or null when the code is unknown, its item is not shared any more, or has no target yet. A code that
    /// cannot be one (wrong length or characters) is answered before any look-up and leaves nothing behind.
    /// </summary>
    public async ValueTask<ResolvedLink?> ResolveAsync(string code, CancellationToken cancellationToken)
    {
        if (!ShareCodes.IsWellFormed(code))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (known.TryGetValue(code, out var hit) && hit.Until > now)
        {
            return hit.Link.Until is { } until && until <= now && !hit.Link.IsWithdrawn ? null : hit.Link;
        }

        if (unknown.Contains(code, now))
        {
            return null;
        }

        var link = await LoadAsync(code, cancellationToken);
        var cachedUntil = now + options.Value.LinkCacheTime;
        if (link is null)
        {
            known.TryRemove(code, out _);
            unknown.Add(code, cachedUntil, now);
            return null;
        }

        if (known.Count >= MaxCached)
        {
            known.Clear();
        }

        known[code] = (link, cachedUntil);
        return link.Until is { } end && end <= now && !link.IsWithdrawn ? null : link;
    }

    /// <summary>Drops this node's cached links to <paramref name="itemId"/> (it was retracted); other nodes read again within <see cref="SharingOptions.LinkCacheTime"/>.</summary>
    public void Forget(string itemId)
    {
        foreach (var (code, entry) in known)
        {
            if (entry.Link.ItemId == itemId)
            {
                known.TryRemove(code, out _);
            }
        }
    }

    private async Task<ResolvedLink?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await links.GetAsync(code, cancellationToken) is not { } link || await items.GetAsync(link.ItemId, cancellationToken) is not { SharedAt: not null } item)
        {
            return null;
        }

        if (item.RetractedAt is not null)
        {
            return ResolvedLink.Withdrawn(code, link.Nip, item.Id, link.Opd, item.Title, urls.For($"s/{code}"));
        }

        var target = item.Link;
        if (target is null)
        {
            var published = (await deliveries.ListByItemAsync(item.Id, cancellationToken))
                .Where(d => d.Status == DeliveryStatus.Published && d.Permalink is not null)
                .OrderBy(d => d.PublishedAt)
                .FirstOrDefault();
            target = published?.Permalink;
        }

        if (target is null || !Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var description = item.Body.Length > 200 ? item.Body[..197].TrimEnd() + "…" : item.Body;
        var image = item.MediaIds.Count > 0 ? urls.Media(item.MediaIds[0]) : null;
        var campaign = Campaign(item.Title, item.Id);
        var redirects = ShareChannels.All.Select(channel => WithUtm(uri, campaign, channel)).ToArray();
        return new ResolvedLink(code, link.Nip, item.Id, link.Opd, uri, campaign, item.Title, description, image, item.ShareUntil, redirects);
    }

    private static string WithUtm(Uri target, string campaign, string channel)
    {
        var utm = $"utm_source=asn&utm_medium={channel}&utm_campaign={Uri.EscapeDataString(campaign)}";
        var builder = new UriBuilder(target);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? utm : builder.Query.TrimStart('?') + "&" + utm;
        return builder.Uri.ToString();
    }

    /// <summary>utm_campaign: the item's title as a slug, with the start of its id so two equal titles stay apart.</summary>
    private static string Campaign(string title, string id)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 48)
            {
                break;
            }
        }

        return slug.ToString().Trim('-') + "-" + id[..Math.Min(6, id.Length)];
    }
}
