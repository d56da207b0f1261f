#if !ON_POSTGRESQL
using System.Net.Http.Json;
using Broker.Channels;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Pages;
using Broker.Rendering;
using Broker.Sandbox.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Channels;

/// <summary>
/// The WordPress channel, a plugin the host does not reference, through the real broker and the sandbox's WordPress REST
/// API. LiteDB only: nothing here is storage-specific (the dispatcher's reconciliation runs on both providers elsewhere).
/// </summary>
public sealed class WordPressPluginTests(WordPressPluginFixture fixture) : IClassFixture<WordPressPluginFixture>
{
    private Scenario Scenario => fixture.Scenario;

    [Fact]
    public async Task A_plugin_built_outside_the_host_publishes_an_item_with_its_photo_as_a_wordpress_post()
    {
        var adapter = Scenario.Broker.Services.GetRequiredService<AdapterRegistry>().Find("wordpress");
        Assert.NotNull(adapter);
        Assert.StartsWith(fixture.PluginsFolder, adapter.GetType().Assembly.Location, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.PluginFolder, "Broker.Adapters.Abstractions.dll")), "the plugin ships its own copy of the contract");
        var account = await fixture.CreateAccountAsync("redaksi-dinkes", "abcd efgh ijkl mnop qrst uvwx", categories: "3, 7", tags: "12");
        var photo = await Scenario.UploadPhotoAsync();

        var id = await Scenario.SubmitItemAsync("diskominfo", [account], [photo], title: "Posyandu keliling di Samarinda Ulu");
        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var item = await Scenario.WaitForItemStatusAsync(id, "published");
        var post = Assert.Single(Scenario.Sandbox.State.WordPressPosts, p => p.User == "redaksi-dinkes");
        Assert.Equal(("Posyandu keliling di Samarinda Ulu", "publish"), (post.Title, post.Status));
        Assert.Equal(new long[] { 3, 7 }, post.Categories);
        Assert.Equal(new long[] { 12 }, post.Tags);
        Assert.StartsWith("posyandu-keliling-di-samarinda-ulu-", post.Slug, StringComparison.Ordinal);
        var featured = Assert.Single(Scenario.Sandbox.State.WordPressMediaLibrary, m => m.User == "redaksi-dinkes");
        Assert.Equal((featured.Id, "image/jpeg"), (post.FeaturedMedia, featured.MimeType));
        Assert.Contains("<p>Pemerintah kota meresmikan", post.Content, StringComparison.Ordinal);
        var delivery = item["deliveries"]![0]!;
        Assert.Equal((post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), post.Link), (delivery.Str("remotePostId"), delivery.Str("permalink")));
        Assert.Contains(Scenario.Sandbox.State.RequestsFor("wordpress", "/media"), r => r.Headers.GetValueOrDefault("Content-Disposition")?.StartsWith("attachment; filename=", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_default_template_and_the_preview_come_from_the_plugin()
    {
        Assert.False(File.Exists(Path.Combine(Scenario.Broker.Services.GetRequiredService<TemplateCatalog>().Folder, "wordpress.sbn")));
        var account = await fixture.CreateAccountAsync("redaksi-pratinjau", "pratinjau-password");
        var id = await Scenario.SubmitItemAsync("diskominfo", [account], title: "Pratinjau portal", link: "https://portal.example.go.id/berita/pratinjau");

        var preview = Assert.Single((await Scenario.Api.GetJsonAsync($"/api/items/{id}/preview")).AsArray())!;

        Assert.StartsWith("Pratinjau portal\nPemerintah kota meresmikan", preview.Str("text"), StringComparison.Ordinal);
        Assert.Contains("Sumber: https://portal.example.go.id/berita/pratinjau", preview.Str("text"), StringComparison.Ordinal);
        var display = preview["display"]!;
        Assert.Equal(("WordPress", "article", "wide", "readMore"), (display.Str("label"), display.Str("layout"), display.Str("imageAspect"), display.Str("link")));
        Assert.True(display["showsTitle"]!.GetValue<bool>());
        using var editor = await PageSession.SignInAsync(Scenario, BrokerHost.AdminToken);
        var page = System.Net.WebUtility.HtmlDecode(await (await editor.GetAsync($"/tinjau/{id}")).Content.ReadAsStringAsync());
        Assert.Contains("layout-article", page, StringComparison.Ordinal);
        Assert.Contains("<h4 class=\"title\">Pratinjau portal</h4>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_after_wordpress_stored_the_post_yields_exactly_one_post()
    {
        var account = await fixture.CreateAccountAsync("redaksi-lambat", "lambat-password");
        Scenario.Sandbox.State.AddFault(new SandboxFault("wordpress", "posts", FaultKinds.TimeoutAfterStore, DelayMs: 6_000, Account: "redaksi-lambat"));

        var id = await Scenario.SubmitItemAsync("diskominfo", [account], title: "Jawaban yang hilang");
        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var item = await Scenario.WaitForItemStatusAsync(id, "published");
        var post = Assert.Single(Scenario.Sandbox.State.WordPressPosts, p => p.User == "redaksi-lambat");
        Assert.Equal(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), item["deliveries"]![0]!.Str("remotePostId"));
        var calls = Scenario.Sandbox.State.RequestsFor("wordpress", "/posts").Where(r => r.Headers.GetValueOrDefault("Authorization") is { } auth && Uses(auth, "redaksi-lambat")).ToList();
        Assert.Contains(calls, r => r.Fault == FaultKinds.TimeoutAfterStore);
        Assert.Contains(calls, r => r.Method == "GET" && r.Query.Contains("slug=" + post.Slug, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_application_password_holds_the_delivery_until_the_account_is_reauthorised()
    {
        var account = await fixture.CreateAccountAsync("redaksi-dicabut", "dicabut-password");
        Scenario.Sandbox.State.RevokeToken("wordpress", "dicabut-password");

        var id = await Scenario.SubmitItemAsync("diskominfo", [account], title: "Kata sandi dicabut");
        await Scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        await Eventually.WaitAsync(() => Scenario.ItemAsync(id), i => i["deliveries"]![0]!.Str("status") == "held", "the delivery to be held");
        var held = await Scenario.Api.GetJsonAsync($"/api/accounts/{account}");
        Assert.Equal("needsReauth", held.Str("status"));
        Assert.Contains("Application Password", held.Str("statusReason"), StringComparison.Ordinal);
        Assert.DoesNotContain(Scenario.Sandbox.State.WordPressPosts, p => p.User == "redaksi-dicabut");

        Scenario.Sandbox.State.RegisterWordPressPassword("redaksi-dicabut", "baru-password");
        using var replaced = await Scenario.Api.PutAsJsonAsync($"/api/accounts/{account}/credentials", new { credentials = new { applicationPassword = "baru-password" } });
        Assert.Equal(200, (int)replaced.StatusCode);
        await Scenario.WaitForItemStatusAsync(id, "published");
        Assert.Single(Scenario.Sandbox.State.WordPressPosts, p => p.User == "redaksi-dicabut");
    }

    [Fact]
    public async Task An_account_on_a_site_outside_the_allowed_list_is_refused()
    {
        var refused = await Scenario.Api.PostExpectAsync(
            "/api/accounts",
            new { opd = "diskominfo", platform = "wordpress", name = "Portal lain", externalId = "tamu", credentials = new { applicationPassword = "x" }, apiBaseUrl = "https://portal.lain.example" },
            400);
        Assert.Contains("not allowed for wordpress", refused["errors"]!["apiBaseUrl"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://portal.example.go.id", "must use https")]
    [InlineData("https://127.0.0.1/wordpress", "loopback")]
    public void A_site_on_plain_http_or_on_loopback_stops_the_start_naming_the_key(string site, string problem)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:DatabasePath"] = Path.Combine(fixture.PluginsFolder, "unused.db"),
            ["Adapters:PluginsFolder"] = fixture.PluginsFolder,
            ["Platforms:WordPress:AllowedBaseUrls:0"] = site,
        };

        // A loopback site also trips the host's own loopback check: the start names both at once.
        var failure = Assert.ThrowsAny<Exception>(() => BrokerHost.Build(settings));

        var problems = string.Join(" ", Broker.Hosting.BadConfiguration.ProblemsOf(failure)!);
        Assert.Contains("Platforms:WordPress:AllowedBaseUrls:0", problems, StringComparison.Ordinal);
        Assert.Contains(problem, problems, StringComparison.Ordinal);
    }

    private static bool Uses(string authorization, string user) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).StartsWith(user + ":", StringComparison.Ordinal);
}
#endif
