using System.Net;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Broker.Feeds;

/// <summary>
/// Reads an RSS 2.0 or Atom 1.0 document with <see cref="SyndicationFeed"/> (no DTD, no external entities) into entries
/// of plain text. An entry is known by its guid (RSS) or id (Atom), else by its link; one with neither is skipped.
/// </summary>
public static partial class FeedDocument
{
    /// <summary>The entries, or why the bytes are not a feed (worded for the subscription page).</summary>
    public static (IReadOnlyList<FeedEntry> Entries, string? Problem) Parse(byte[] bytes)
    {
        SyndicationFeed feed;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            return ([], $"The answer is not an RSS or Atom feed ({ex.Message}).");
        }

        var entries = new List<FeedEntry>();
        foreach (var item in feed.Items)
        {
            if (Entry(item) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return (entries, null);
    }

    private static FeedEntry? Entry(SyndicationItem item)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.GetAbsoluteUri()?.ToString();
        var key = string.IsNullOrWhiteSpace(item.Id) ? link : item.Id.Trim();
        if (key is null)
        {
            return null;
        }

        var title = Plain(item.Title?.Text);
        var text = Plain(item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text);
        var image = item.Links
            .Where(l => l.RelationshipType == "enclosure" && (l.MediaType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(l => l.GetAbsoluteUri())
            .FirstOrDefault() ?? MediaContent(item);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', title, text, link, image))));
        return new FeedEntry(key, title, text, link, image, hash);
    }

    /// <summary>Media RSS (<c>media:content</c> or <c>media:thumbnail</c> with an image), which many portals use instead of an enclosure.</summary>
    private static Uri? MediaContent(SyndicationItem item)
    {
        foreach (var extension in item.ElementExtensions.Where(e => e.OuterNamespace == "http://search.yahoo.com/mrss/" && e.OuterName is "content" or "thumbnail"))
        {
            using var reader = extension.GetReader();
            var url = reader.GetAttribute("url");
            var medium = reader.GetAttribute("medium");
            var type = reader.GetAttribute("type");
            if (url is not null && (extension.OuterName == "thumbnail" || medium == "image" || (type?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ?? false))
                && Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>Text with its HTML tags removed, entities decoded and white space collapsed.</summary>
    internal static string Plain(string? html) =>
        html is null ? "" : Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();
}
