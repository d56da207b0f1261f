using System.Net;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Sharing;
using Broker.Sandbox.Faults;

namespace Broker.IntegrationTests.Retraction;

public sealed class RetractionTests
{
    private const string Ani = "198703152010011002";

    [Fact]
    public async Task Retracting_deletes_the_facebook_and_x_posts_and_leaves_the_instagram_post_for_manual_removal_until_an_editor_confirms_it()
    {
        await using var scenario = await StartAsync();
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var item = await PublishedItemAsync(scenario, [facebook, instagram, x]);

        var retracted = await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Data korban keliru; akan dikoreksi." }, 200);
        Assert.Equal("retracted", retracted.Str("status"));
        Assert.Equal("Data korban keliru; akan dikoreksi.", retracted.Str("retractReason"));

        var done = await WaitForRemovalsAsync(scenario, item);
        Assert.Equal("removed", Delivery(done, "facebook").Str("status"));
        Assert.Equal("removed", Delivery(done, "x").Str("status"));
        var manual = Delivery(done, "instagram");
        Assert.Equal("manualRemovalNeeded", manual.Str("status"));
        Assert.StartsWith("https://", manual.Str("permalink"), StringComparison.Ordinal);
        Assert.Contains("cannot delete", manual.Str("error"), StringComparison.Ordinal);
        Assert.Equal("deliveryReason.removalRefused", manual.Str("errorCode"));
        await AssertItemPageExplainsAsync(
            scenario,
            item,
            "Platform tidak mengizinkan posting ini dihapus lewat API-nya.",
            "The platform does not let this post be deleted through its API.",
            "cannot delete");

        var state = scenario.Sandbox.State;
        Assert.Empty(state.Posts("facebook"));
        Assert.Empty(state.Posts("x"));
        Assert.Single(state.Posts("instagram"));
        Assert.Single(state.Deletions("facebook"));
        Assert.Single(state.Deletions("x"));

        var confirmed = await scenario.Api.PostExpectAsync($"/api/deliveries/{manual.Str("id")}/confirm-removal", null, 200);
        Assert.Equal("removed", confirmed.Str("status"));
        Assert.False(string.IsNullOrEmpty(confirmed.Str("removalConfirmedBy")));
        var again = await scenario.Api.PostExpectAsync($"/api/deliveries/{manual.Str("id")}/confirm-removal", null, 409);
        Assert.Equal(("state_conflict", "delivery.notAwaitingRemoval", "removed"), (again.Str("code"), again["reason"]!.Str("code"), again["reason"]!["arguments"]!.Str("status")));

        var trail = await scenario.Api.GetJsonAsync($"/api/audit?objectId={item}");
        Assert.Contains(trail.AsArray(), e => e!.Str("action") == "item.retracted" && e!.Str("detail") == "Data korban keliru; akan dikoreksi.");
        var confirmedTrail = await scenario.Api.GetJsonAsync($"/api/audit?objectId={manual.Str("id")}");
        Assert.Contains(confirmedTrail.AsArray(), e => e!.Str("action") == "delivery.removalConfirmed");
    }

    [Fact]
    public async Task Instagram_media_is_deleted_too_where_the_platform_allows_it()
    {
        await using var scenario = await StartAsync();
        scenario.Sandbox.State.InstagramDeletes = true;
        var (_, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var item = await PublishedItemAsync(scenario, [instagram]);

        await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Ditarik." }, 200);

        var done = await WaitForRemovalsAsync(scenario, item);
        Assert.Equal("removed", Delivery(done, "instagram").Str("status"));
        Assert.Empty(scenario.Sandbox.State.Posts("instagram"));
    }

    [Fact]
    public async Task A_delete_whose_answer_is_lost_is_tried_again_and_the_post_already_gone_counts_as_removed()
    {
        await using var scenario = await StartAsync();
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        var item = await PublishedItemAsync(scenario, [facebook, x]);
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "post_delete", FaultKinds.DropAfterStore));
        scenario.Sandbox.State.AddFault(new SandboxFault("x", "tweet_delete", FaultKinds.DropAfterStore));

        await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Ditarik." }, 200);

        var done = await WaitForRemovalsAsync(scenario, item);
        Assert.All(done["deliveries"]!.AsArray(), d => Assert.Equal("removed", d!.Str("status")));
        var deleteCalls = scenario.Sandbox.State.RequestsFor("facebook").Count(r => r.Method == "DELETE");
        Assert.True(deleteCalls >= 2, $"the lost delete was tried again ({deleteCalls} calls)");
        Assert.Single(scenario.Sandbox.State.Deletions("facebook"));
        Assert.Single(scenario.Sandbox.State.Deletions("x"));
    }

    [Fact]
    public async Task Two_editors_retracting_at_once_make_one_retraction()
    {
        await using var scenario = await StartAsync();
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        var item = await PublishedItemAsync(scenario, [facebook, x]);
        var (_, token) = await scenario.CreateUserAsync("Editor Kedua", "editor");
        using var second = scenario.ClientWith(token);
        var clients = new[] { scenario.Api, second };

        var statuses = await Race.RunAsync(2, i => clients[i].PostAsync($"/api/items/{item}/retract", JsonContent(new { reason = $"Alasan {i}" })));

        Race.AssertOneWinner(statuses);
        await WaitForRemovalsAsync(scenario, item);
        var trail = await scenario.Api.GetJsonAsync($"/api/audit?objectId={item}");
        Assert.Single(trail.AsArray(), e => e!.Str("action") == "item.retracted");
        Assert.Single(scenario.Sandbox.State.Deletions("facebook"));
        Assert.Single(scenario.Sandbox.State.Deletions("x"));
    }

    [Fact]
    public async Task A_retracted_items_share_links_answer_410_with_a_notice_and_it_leaves_the_asn_share_list()
    {
        await using var scenario = await StartAsync();
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var link = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn={Ani}");
        using var visitor = scenario.ClientWith(null);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync(new Uri(link.Str("url")))).StatusCode);

        await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Hoaks terkonfirmasi." }, 200);

        var gone = await visitor.GetAsync(new Uri(link.Str("url")));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("Konten telah ditarik", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(gone.Headers.Location);
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync(new Uri(link.Str("qr")))).StatusCode);
        Assert.Empty((await scenario.Api.GetJsonAsync($"/api/share-list?asn={Ani}")).AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Api.PostAsync($"/api/items/{item}/sharing", new { })).Response.StatusCode);
    }

    [Fact]
    public async Task Retraction_needs_a_reason_an_editor_and_an_item_that_went_out()
    {
        await using var scenario = await StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var submitted = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        var (_, reporterToken) = await scenario.CreateUserAsync("Reporter", "reporter");
        using var reporter = scenario.ClientWith(reporterToken);

        var (missing, problem) = await scenario.Api.PostAsync($"/api/items/{submitted}/retract", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.NotNull(problem!["errors"]!["reason"]);
        Assert.Equal("retraction.reason", problem["errorCodes"]!["reason"]![0]!.Str("code"));
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Api.PostAsync($"/api/items/{submitted}/retract", new { reason = "x" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsync($"/api/items/{submitted}/retract", new { reason = "x" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Api.PostAsync("/api/items/nope/retract", new { reason = "x" })).Response.StatusCode);
    }

    [Fact]
    public async Task A_scheduled_delivery_of_a_retracted_item_is_cancelled_and_never_published()
    {
        await using var scenario = await StartAsync();
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", [facebook, x], publishAt: TimeProvider.System.GetUtcNow().AddHours(3));
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);

        var retracted = await scenario.Api.PostExpectAsync($"/api/items/{item}/retract", new { reason = "Acara dibatalkan." }, 200);

        Assert.All(retracted["deliveries"]!.AsArray(), d => Assert.Equal("cancelled", d!.Str("status")));
        Assert.Empty(scenario.Sandbox.State.Posts(null));
    }

    internal static Task<Scenario> StartAsync() =>
        Scenario.StartAsync(configure: s => s["Retraction:RetryDelay"] = "00:00:00.100");

    internal static async Task<string> PublishedItemAsync(Scenario scenario, string[] accounts)
    {
        var photo = await scenario.UploadPhotoAsync();
        var item = await scenario.SubmitItemAsync("diskominfo", accounts, [photo]);
        await scenario.Api.PostExpectAsync($"/api/items/{item}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(item, "published");
        return item;
    }

    internal static Task<JsonNode> WaitForRemovalsAsync(Scenario scenario, string item) =>
        Eventually.WaitAsync(
            () => scenario.ItemAsync(item),
            i => i["deliveries"]!.AsArray().All(d => d!.Str("status") is "removed" or "manualRemovalNeeded" or "cancelled"),
            $"the posts of item {item} to be removed");

    /// <summary>
    /// The item's page words a delivery's reason in the page's language, Indonesian by default and English when chosen,
    /// with the platform's own (English) words behind a details element.
    /// </summary>
    internal static async Task AssertItemPageExplainsAsync(Scenario scenario, string item, string indonesian, string english, string raw)
    {
        using var editor = await Pages.PageSession.SignInAsync(scenario, BrokerHost.AdminToken);
        var page = WebUtility.HtmlDecode(await (await editor.GetAsync($"/konten/{item}")).Content.ReadAsStringAsync());
        Assert.Contains(indonesian, page, StringComparison.Ordinal);
        Assert.DoesNotContain(english, page, StringComparison.Ordinal);
        var details = page[page.IndexOf(indonesian, StringComparison.Ordinal)..];
        Assert.Matches("^[^<]*</span> <details><summary>[^<]+</summary><span class=\"muted\">[^<]*" + System.Text.RegularExpressions.Regex.Escape(raw), details);

        await editor.GetAsync($"/bahasa?ke=en&kembali=/konten/{item}");
        var inEnglish = WebUtility.HtmlDecode(await (await editor.GetAsync($"/konten/{item}")).Content.ReadAsStringAsync());
        Assert.Contains(english, inEnglish, StringComparison.Ordinal);
        Assert.DoesNotContain(indonesian, inEnglish, StringComparison.Ordinal);
    }

    internal static JsonNode Delivery(JsonNode item, string platform) =>
        item["deliveries"]!.AsArray().Single(d => d!.Str("platform") == platform)!;

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
