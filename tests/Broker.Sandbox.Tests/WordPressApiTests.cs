using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Broker.Sandbox.Control;

namespace Broker.Sandbox.Tests;

public sealed class WordPressApiTests
{
    private const string Api = "wordpress/wp-json/wp/v2/";

    [Fact]
    public async Task A_photo_and_a_post_are_stored_the_slug_is_kept_unique_and_found_again()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.State.RegisterWordPressPassword("redaksi", "abcd efgh ijkl");
        var auth = Basic("redaksi", "abcdefghijkl");
        using var upload = new HttpRequestMessage(HttpMethod.Post, Api + "media") { Content = new ByteArrayContent(SampleImages.Jpeg(800, 450)) };
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        upload.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"foto.jpg\"" };
        upload.Headers.TryAddWithoutValidation("Authorization", auth);
        var (uploaded, media) = await h.SendAsync(upload);

        var post = new { title = "Taman baru", content = "<p>Isi</p>", status = "publish", slug = "taman-baru-1a2b", featured_media = media!["id"]!.GetValue<long>(), categories = new[] { 3 }, tags = new[] { 12 } };
        var (created, first) = await h.PostJsonAsync(Api + "posts", post, auth);
        var (_, second) = await h.PostJsonAsync(Api + "posts", post, auth);
        var (_, found) = await h.GetAsync(Api + "posts?slug=taman-baru-1a2b&status=any", auth);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (uploaded.StatusCode, created.StatusCode));
        Assert.StartsWith("https://", media["source_url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("taman-baru-1a2b", first!["slug"]!.GetValue<string>());
        Assert.Equal("taman-baru-1a2b-2", second!["slug"]!.GetValue<string>());
        Assert.StartsWith("https://portal.sandbox.test/", first["link"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(first["id"]!.GetValue<long>(), found!.AsArray().Single()!["id"]!.GetValue<long>());
        Assert.Equal(2, h.Sandbox.State.Posts("wordpress", "redaksi").Count);
    }

    [Fact]
    public async Task A_revoked_or_missing_application_password_is_refused_in_wordpress_error_shape()
    {
        await using var h = await SandboxHarness.StartAsync();
        h.Sandbox.State.RegisterWordPressPassword("redaksi", "rahasia");
        h.Sandbox.State.RevokeToken("wordpress", "rahasia");

        var (revoked, refusal) = await h.PostJsonAsync(Api + "posts", new { title = "Judul", status = "publish" }, Basic("redaksi", "rahasia"));
        var (anonymous, notLoggedIn) = await h.PostJsonAsync(Api + "posts", new { title = "Judul", status = "publish" });

        Assert.Equal((HttpStatusCode.Unauthorized, "incorrect_password", 401), (revoked.StatusCode, refusal!["code"]!.GetValue<string>(), refusal["data"]!["status"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.Unauthorized, "rest_not_logged_in"), (anonymous.StatusCode, notLoggedIn!["code"]!.GetValue<string>()));
        Assert.Empty(h.Sandbox.State.Posts("wordpress"));
    }

    [Fact]
    public async Task Deleting_a_post_moves_it_to_the_trash_and_a_second_delete_answers_already_trashed()
    {
        await using var h = await SandboxHarness.StartAsync();
        var auth = Basic("redaksi", "apa saja");
        var (_, post) = await h.PostJsonAsync(Api + "posts", new { title = "Ditarik", status = "publish" }, auth);
        var id = post!["id"]!.GetValue<long>();

        using var delete = Delete(id, auth);
        using var deleteAgain = Delete(id, auth);
        var (trashed, trashedBody) = await h.SendAsync(delete);
        var (again, againBody) = await h.SendAsync(deleteAgain);
        var (_, lookup) = await h.GetAsync(Api + "posts?slug=ditarik&status=any", auth);

        Assert.Equal((HttpStatusCode.OK, "trash"), (trashed.StatusCode, trashedBody!["status"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Gone, "rest_already_trashed"), (again.StatusCode, againBody!["code"]!.GetValue<string>()));
        Assert.Empty(lookup!.AsArray());
        Assert.Single(h.Sandbox.State.Deletions("wordpress"));
    }

    private static HttpRequestMessage Delete(long id, string auth)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, Api + "posts/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization", auth);
        return request;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
