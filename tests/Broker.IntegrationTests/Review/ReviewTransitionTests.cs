using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Review;

public sealed class ReviewTransitionTests
{
    [Fact]
    public async Task A_sent_back_item_carries_the_comment_and_returns_to_review_when_edited()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var sentBack = await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = "Sebutkan nama taman dengan benar." }, 200);
        Assert.Equal("sentBack", sentBack.Str("status"));
        Assert.Equal("Sebutkan nama taman dengan benar.", sentBack.Str("reviewComment"));

        var refused = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 409);
        Assert.Contains("submitted", refused.Str("detail"), StringComparison.Ordinal);

        var (edit, edited) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", new
        {
            opd = "diskominfo",
            title = "Wali Kota resmikan Taman Samarendah (diperbaiki)",
            body = "Isi yang diperbaiki.",
            accountIds = new[] { fb },
        });
        Assert.Equal(200, (int)edit.StatusCode);
        Assert.Equal("submitted", edited!.Str("status"));

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        var published = await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Contains("(diperbaiki)", published["deliveries"]![0]!.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_item_keeps_its_reason_and_can_be_neither_approved_nor_edited()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var rejected = await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { reason = "Berita belum terkonfirmasi." }, 200);
        Assert.Equal("rejected", rejected.Str("status"));
        Assert.Equal("Berita belum terkonfirmasi.", rejected.Str("rejectReason"));

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 409);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = "x" }, 409);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { reason = "again" }, 409);
        var (edit, _) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", new { opd = "diskominfo", title = "t", body = "b", accountIds = new[] { fb } });
        Assert.Equal(409, (int)edit.StatusCode);

        var item = await scenario.ItemAsync(id);
        Assert.Equal("rejected", item.Str("status"));
        Assert.Empty(item["deliveries"]!.AsArray());
        Assert.Empty(scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task An_approved_item_cannot_be_approved_sent_back_or_rejected_again()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: TimeProvider.System.GetUtcNow().AddHours(1));
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 409);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = "late" }, 409);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { reason = "late" }, 409);

        var item = await scenario.ItemAsync(id);
        Assert.Equal("approved", item.Str("status"));
        Assert.Single(item["deliveries"]!.AsArray());
    }

    [Fact]
    public async Task Editing_an_approved_item_before_publication_cancels_its_deliveries_and_sends_it_back_to_review()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: TimeProvider.System.GetUtcNow().AddHours(1));
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var (edit, edited) = await scenario.Api.SendAsync(HttpMethod.Put, $"/api/items/{id}", new { opd = "diskominfo", title = "Judul baru", body = "Isi baru", accountIds = new[] { fb } });
        Assert.Equal(200, (int)edit.StatusCode);
        Assert.Equal("submitted", edited!.Str("status"));
        Assert.Equal("cancelled", edited!["deliveries"]!.AsArray().Single()!.Str("status"));

        var audit = await scenario.Api.GetJsonAsync($"/api/audit?objectId={id}");
        Assert.Equal(["item.submitted", "item.approved", "item.edited"], audit.AsArray().Select(a => a!.Str("action")).ToArray());
    }

    [Fact]
    public async Task Deciding_on_an_unknown_item_answers_404()
    {
        await using var scenario = await Scenario.StartAsync();
        var problem = await scenario.Api.PostExpectAsync("/api/items/nope/approve", null, 404);
        Assert.Contains("nope", problem.Str("detail"), StringComparison.Ordinal);
        await scenario.Api.PostExpectAsync("/api/items/nope/send-back", new { comment = "c" }, 404);
        await scenario.Api.PostExpectAsync("/api/items/nope/reject", new { reason = "r" }, 404);
        var (get, _) = await scenario.Api.SendAsync(HttpMethod.Get, "/api/items/nope");
        Assert.Equal(404, (int)get.StatusCode);
    }

    [Fact]
    public async Task Send_back_and_reject_require_their_comment_and_reason()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        var noComment = await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = " " }, 400);
        Assert.NotNull(noComment["errors"]!["comment"]);
        var noReason = await scenario.Api.PostExpectAsync($"/api/items/{id}/reject", new { }, 400);
        Assert.NotNull(noReason["errors"]!["reason"]);
        Assert.Equal("submitted", (await scenario.ItemAsync(id)).Str("status"));
    }
}
