using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Broker.Accounts;
using Broker.Api;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>
/// Writes the public feeds: the latest published items of the city or of one OPD, as RSS 2.0 or Atom 1.0, each entry
/// with its title, summary, link (the portal's, else the first https permalink), photo enclosure and OPD category.
/// </summary>
public sealed class PublishedFeed(IItemStore items, IDeliveryStore deliveries, IMediaStore media, IOpdStore opds, PublicUrls urls, IOptions<FeedsOptions> options)
{
    private const int SummaryLength = 500;

    /// <summary>A written feed: its bytes, and the time of its latest change (null: no entry yet).</summary>
    public sealed record Written(byte[] Bytes, DateTimeOffset? LastModified);

    public async Task<Written> WriteAsync(FeedFormat format, Opd? opd, string path, CancellationToken cancellationToken)
    {
        var found = await items.ListPublishedAsync(opd?.Id, options.Value.MaxEntries, cancellationToken);
        var byItem = (await deliveries.ListByItemsAsync([.. found.Select(i => i.Id)], cancellationToken)).ToLookup(d => d.ItemId);
        var names = (await opds.ListAsync(cancellationToken)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);

        var entries = new List<SyndicationItem>();
        foreach (var item in found)
        {
            entries.Add(await EntryAsync(item, byItem[item.Id], names.GetValueOrDefault(item.Opd, item.Opd), cancellationToken));
        }

        var self = urls.For(path);
        DateTimeOffset? lastModified = found.Count == 0 ? null : found.Max(i => Later(i.UpdatedAt, i.FirstPublishedAt!.Value));
        var feed = new SyndicationFeed(
            opd is null ? "Berita terbaru" : $"Berita {opd.Name}",
            opd is null ? "Berita yang telah terbit di kanal resmi pemerintah kota." : $"Berita {opd.Name} yang telah terbit di kanal resmi.",
            urls.BaseUrl,
            self.ToString(),
            Seconds(lastModified ?? DateTimeOffset.UnixEpoch),
            entries)
        {
            Language = "id",
        };
        feed.Links.Add(new SyndicationLink(self, "self", null, format == FeedFormat.Atom ? "application/atom+xml" : "application/rss+xml", 0));
        if (format == FeedFormat.Atom)
        {
            feed.Authors.Add(new SyndicationPerson { Name = opd?.Name ?? "Pemerintah Kota" });
        }

        return new Written(Serialize(feed, format), lastModified is { } at ? Seconds(at) : null);
    }

    private async Task<SyndicationItem> EntryAsync(Item item, IEnumerable<Delivery> itemDeliveries, string opdName, CancellationToken cancellationToken)
    {
        var link = item.Link ?? itemDeliveries
            .Where(d => d.Status == DeliveryStatus.Published && HttpUrls.IsSafeHttps(d.Permalink))
            .OrderBy(d => d.PublishedAt)
            .Select(d => d.Permalink)
            .FirstOrDefault();
        var entry = new SyndicationItem
        {
            Id = "urn:broker:item:" + item.Id,
            Title = new TextSyndicationContent(item.Title),
            Summary = new TextSyndicationContent(Summary(item.Body)),
            PublishDate = Seconds(item.FirstPublishedAt!.Value),
            LastUpdatedTime = Seconds(Later(item.UpdatedAt, item.FirstPublishedAt.Value)),
        };
        if (link is not null)
        {
            entry.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(link)));
        }
        else
        {
            // Atom wants an entry to have a link or content: the whole text, when there is nowhere to point.
            entry.Content = new TextSyndicationContent(item.Body);
        }

        entry.Categories.Add(new SyndicationCategory(opdName) { Label = opdName });
        if (item.MediaIds.FirstOrDefault() is { } photoId && await media.GetAsync(photoId, cancellationToken) is { } photo)
        {
            entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(urls.Media(photo.Id), photo.ContentType, photo.Bytes));
        }

        return entry;
    }

    private static string Summary(string body) =>
        body.Length <= SummaryLength ? body : string.Concat(body.AsSpan(0, body.LastIndexOf(' ', SummaryLength) is > 0 and var cut ? cut : SummaryLength), " …");

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // HTTP dates have whole seconds: the feed's times have the same, so Last-Modified and the feed agree.
    private static DateTimeOffset Seconds(DateTimeOffset at) => new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static byte[] Serialize(SyndicationFeed feed, FeedFormat format)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Atom ? new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false);
            formatter.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
