using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Feeds;

// Feature-level: runs on LiteDB only (the store contract suite covers the PostgreSQL queries behind it).
#if !ON_POSTGRESQL
public sealed class PublishedFeedTests(PublishedFeedTests.FeedWorld world) : IClassFixture<PublishedFeedTests.FeedWorld>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_city_rss_feed_is_valid_rss_2_and_carries_each_published_item_with_link_photo_enclosure_and_category_but_no_unpublished_one()
    {
        using var anonymous = world.Scenario.ClientWith(null);

        var response = await anonymous.GetAsync(new Uri("/feed/rss", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var rss = XDocument.Parse(text).Root!;
        Assert.Equal(("rss", "2.0"), (rss.Name.LocalName, (string?)rss.Attribute("version")));
        var channel = rss.Element("channel")!;
        Assert.All(new[] { "title", "link", "description" }, name => Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element(name)), name));

        var feed = Load(text);
        // Newest publication first (another test of this class may have published a Dishub item after these).
        Assert.Equal([world.Diskominfo, world.Dinkes], feed.Items.Select(i => i.Title.Text).Where(t => t == world.Diskominfo || t == world.Dinkes));
        var dinkes = feed.Items.Single(i => i.Title.Text == world.Dinkes);
        Assert.Equal("https://dinkes.example.go.id/berita/posyandu", Assert.Single(dinkes.Links, l => l.RelationshipType == "alternate").Uri.ToString());
        var enclosure = Assert.Single(dinkes.Links, l => l.RelationshipType == "enclosure");
        Assert.Equal(("image/jpeg", world.PhotoBytes), (enclosure.MediaType, enclosure.Length));
        Assert.Equal(new Uri(world.Scenario.Broker.BaseUrl, "media/" + world.PhotoId), enclosure.Uri);
        Assert.Equal("Dinas Kesehatan", Assert.Single(dinkes.Categories).Name);
        Assert.StartsWith("Posyandu keliling", dinkes.Summary.Text, StringComparison.Ordinal);
        Assert.NotEqual(default, dinkes.PublishDate);
        Assert.DoesNotContain(world.Unpublished, text, StringComparison.Ordinal);

        var photo = await anonymous.GetAsync(enclosure.Uri);
        Assert.Equal(world.PhotoBytes, (await photo.Content.ReadAsByteArrayAsync()).LongLength);
    }

    [Fact]
    public async Task An_opds_atom_feed_is_valid_atom_and_holds_only_that_opds_published_items_and_an_unknown_opd_has_none()
    {
        using var anonymous = world.Scenario.ClientWith(null);

        var response = await anonymous.GetAsync(new Uri("/opd/dinkes/feed/atom", UriKind.Relative));

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var root = XDocument.Parse(text).Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.All(new[] { "id", "title", "updated" }, name => Assert.NotNull(root.Element(Atom + name)));
        Assert.NotNull(root.Element(Atom + "author")?.Element(Atom + "name"));
        Assert.Equal(new Uri(world.Scenario.Broker.BaseUrl, "opd/dinkes/feed/atom").ToString(), (string?)root.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href"));
        var entry = Assert.Single(root.Elements(Atom + "entry"));
        Assert.All(new[] { "id", "title", "updated", "summary", "category" }, name => Assert.NotNull(entry.Element(Atom + name)));

        var feed = Load(text);
        Assert.Equal([world.Dinkes], feed.Items.Select(i => i.Title.Text));
        Assert.Equal(world.PhotoBytes, feed.Items.Single().Links.Single(l => l.RelationshipType == "enclosure").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/opd/nothing/feed/rss", UriKind.Relative))).StatusCode);
        Assert.Equal([world.Diskominfo], Load(await anonymous.GetStringAsync(new Uri("/opd/diskominfo/feed/rss", UriKind.Relative))).Items.Select(i => i.Title.Text));
    }

    [Fact]
    public async Task A_reader_that_has_the_feed_gets_304_by_its_etag_or_date_until_another_item_is_published()
    {
        using var anonymous = world.Scenario.ClientWith(null);
        await world.PublishAsync("dishub", "Jalan Juanda diperbaiki");
        var first = await anonymous.GetAsync(new Uri("/opd/dishub/feed/atom", UriKind.Relative));
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl.MaxAge);
        Assert.NotNull(first.Content.Headers.LastModified);

        var byTag = await ConditionalAsync(anonymous, "/opd/dishub/feed/atom", r => r.Headers.IfNoneMatch.Add(etag));
        var byDate = await ConditionalAsync(anonymous, "/opd/dishub/feed/atom", r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified);
        var otherFormat = await ConditionalAsync(anonymous, "/opd/dishub/feed/rss", r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherFormat.StatusCode);

        await world.PublishAsync("dishub", "Festival Mahakam dibuka");
        var changed = await ConditionalAsync(anonymous, "/opd/dishub/feed/atom", r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Festival Mahakam dibuka", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static SyndicationFeed Load(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }

    private static async Task<HttpResponseMessage> ConditionalAsync(HttpClient client, string path, Action<HttpRequestMessage> condition)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        condition(request);
        return await client.SendAsync(request);
    }

    /// <summary>Three OPDs: Dinkes's item with a photo published, then Diskominfo's; a Dinkes item still submitted; Dishub's for the caching test.</summary>
    public sealed class FeedWorld : IAsyncLifetime
    {
        private readonly Dictionary<string, string> accounts = [];

        public Scenario Scenario { get; private set; } = null!;

        public string Dinkes => "Posyandu keliling bulan Desember";

        public string Diskominfo => "Wali Kota resmikan Taman Samarendah";

        public string Unpublished => "Rapat koordinasi belum terbit";

        public string PhotoId { get; private set; } = "";

        public long PhotoBytes { get; private set; }

        public async Task InitializeAsync()
        {
            Scenario = await Scenario.StartAsync();
            await Scenario.CreateOpdAsync("diskominfo");
            await Scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
            await Scenario.CreateOpdAsync("dishub", "Dinas Perhubungan");
            accounts["diskominfo"] = await Scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
            accounts["dinkes"] = await Scenario.CreateAccountAsync("dinkes", "facebook", "1000002");
            accounts["dishub"] = await Scenario.CreateAccountAsync("dishub", "facebook", "1000003");
            PhotoId = await Scenario.UploadPhotoAsync();
            PhotoBytes = (await Scenario.Api.GetJsonAsync($"/api/media/{PhotoId}"))["bytes"]!.GetValue<long>();
            await PublishAsync("dinkes", Dinkes, [PhotoId], "https://dinkes.example.go.id/berita/posyandu", "Posyandu keliling menyambangi tiap kelurahan.");
            await PublishAsync("diskominfo", Diskominfo);
            await Scenario.SubmitItemAsync("dinkes", [accounts["dinkes"]], title: Unpublished);
        }

        public async Task PublishAsync(string opd, string title, string[]? photos = null, string? link = null, string? body = null)
        {
            var id = await Scenario.SubmitItemAsync(opd, [accounts[opd]], photos, title, body, link);
            await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { }, 200);
            await Scenario.WaitForItemStatusAsync(id, "published");
        }

        public async Task DisposeAsync() => await Scenario.DisposeAsync();
    }
}
#endif
