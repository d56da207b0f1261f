using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Sharing;

public sealed class AmplificationTests
{
    [Fact]
    public async Task An_accepted_request_becomes_a_central_item_that_is_reviewed_and_published_and_the_opd_admin_follows_it()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var own = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var (_, token) = await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes");
        using var sari = scenario.ClientWith(token);
        var photo = await scenario.UploadPhotoAsync();
        var item = (await sari.PostExpectAsync("/api/items", new
        {
            opd = "dinkes",
            title = "Vaksinasi gratis di Puskesmas",
            body = "Dinas Kesehatan membuka vaksinasi gratis.",
            link = "https://dinkes.example.go.id/vaksinasi",
            mediaIds = new[] { photo },
            accountIds = new[] { own },
        }, 201)).Str("id");

        var request = await sari.PostExpectAsync("/api/amplification-requests",
            new { opd = "dinkes", itemId = item, note = "Mohon disebarkan lewat akun kota.", accountIds = new[] { facebook, x } }, 201);
        Assert.Equal("requested", request.Str("status"));
        var id = request.Str("id");

        var accepted = await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/accept", null, 200);
        Assert.Equal("accepted", accepted.Str("status"));
        var central = await scenario.ItemAsync(accepted.Str("itemId"));
        Assert.Equal("diskominfo", central.Str("opd"));
        Assert.Equal("submitted", central.Str("status"));
        Assert.Equal("Vaksinasi gratis di Puskesmas", central.Str("title"));
        Assert.Equal("https://dinkes.example.go.id/vaksinasi", central.Str("link"));
        Assert.Equal([facebook, x], central["accountIds"]!.AsArray().Select(a => a!.GetValue<string>()));

        await scenario.Api.PostExpectAsync($"/api/items/{central.Str("id")}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(central.Str("id"), "published");

        var followed = await sari.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal("accepted", followed.Str("status"));
        Assert.Equal(central.Str("id"), followed.Str("resultItemId"));
        Assert.Equal(2, followed["deliveries"]!.AsArray().Count(d => d!.Str("status") == "published"));
        Assert.Equal(2, scenario.Sandbox.State.Posts("facebook").Count + scenario.Sandbox.State.Posts("x").Count);
        await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/accept", null, 409);
    }

    [Fact]
    public async Task A_declined_request_tells_the_opd_admin_why_and_creates_nothing()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var (_, token) = await scenario.CreateUserAsync("Sari", "opdAdmin", "dinkes");
        using var sari = scenario.ClientWith(token);
        var id = (await sari.PostExpectAsync("/api/amplification-requests",
            new { opd = "dinkes", url = "https://dinkes.example.go.id/berita/1", note = "Artikel kami.", accountIds = new[] { facebook }, wishedAt = TimeProvider.System.GetUtcNow().AddHours(3) }, 201)).Str("id");
        var itemsBefore = (await scenario.Api.GetJsonAsync("/api/items")).AsArray().Count;

        await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/decline", new { reason = "Sudah diliput kemarin." }, 200);

        var followed = await sari.GetJsonAsync($"/api/amplification-requests/{id}");
        Assert.Equal("declined", followed.Str("status"));
        Assert.Equal("Sudah diliput kemarin.", followed.Str("declineReason"));
        Assert.Equal(itemsBefore, (await scenario.Api.GetJsonAsync("/api/items")).AsArray().Count);
        await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/decline", new { reason = "lagi" }, 409);
        await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/decline", new { reason = "" }, 400);
    }

    [Fact]
    public async Task A_request_for_a_url_becomes_a_central_item_linking_to_it_at_the_wished_time()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var wished = TimeProvider.System.GetUtcNow().AddHours(5);
        var id = (await scenario.Api.PostExpectAsync("/api/amplification-requests",
            new { opd = "dinkes", url = "https://dinkes.example.go.id/berita/2", note = "Jadwal posyandu Desember\nDetail di tautan.", accountIds = new[] { facebook }, wishedAt = wished }, 201)).Str("id");

        var item = await scenario.ItemAsync((await scenario.Api.PostExpectAsync($"/api/amplification-requests/{id}/accept", null, 200)).Str("itemId"));

        Assert.Equal("Jadwal posyandu Desember", item.Str("title"));
        Assert.Equal("https://dinkes.example.go.id/berita/2", item.Str("link"));
        Assert.Equal(wished.ToUnixTimeMilliseconds(), item["publishAt"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("both", "itemId")]
    [InlineData("neither", "itemId")]
    [InlineData("other-opd-item", "itemId")]
    [InlineData("own-account", "accountIds")]
    [InlineData("no-note", "note")]
    [InlineData("bad-url", "url")]
    public async Task A_request_that_does_not_fit_is_refused_naming_the_field(string kind, string field)
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        await scenario.CreateOpdAsync("dinkes", "Dinas Kesehatan");
        var own = await scenario.CreateAccountAsync("dinkes", "facebook", "2000001");
        var centralItem = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        object body = kind switch
        {
            "both" => new { opd = "dinkes", itemId = centralItem, url = "https://a.example/", note = "n", accountIds = new[] { facebook } },
            "neither" => new { opd = "dinkes", note = "n", accountIds = new[] { facebook } },
            "other-opd-item" => new { opd = "dinkes", itemId = centralItem, note = "n", accountIds = new[] { facebook } },
            "own-account" => new { opd = "dinkes", url = "https://a.example/", note = "n", accountIds = new[] { own } },
            "no-note" => new { opd = "dinkes", url = "https://a.example/", accountIds = new[] { facebook } },
            _ => new { opd = "dinkes", url = "javascript:alert(1)", note = "n", accountIds = new[] { facebook } },
        };

        var (response, problem) = await scenario.Api.PostAsync("/api/amplification-requests", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem!["errors"]![field]);
    }
}
