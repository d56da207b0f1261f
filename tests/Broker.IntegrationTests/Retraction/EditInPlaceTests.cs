using System.Net;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Retraction;

/// <summary>A correction by edit in place where every platform allows it (Facebook), its history beside the retract-and-republish one.</summary>
public sealed class EditInPlaceTests
{
    private const string Corrected = "Vaksinasi gratis hari Selasa (ralat)";

    [Fact]
    public async Task A_published_facebook_item_corrected_in_place_shows_the_new_text_on_the_platform_and_each_version_in_its_history()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook]);

        var edited = await scenario.Api.PostExpectAsync($"/api/items/{item}/edit-in-place", new { title = Corrected, body = "Vaksinasi gratis hari Selasa.", reason = "Hari salah tulis." }, 200);

        Assert.Equal(("published", Corrected), (edited.Str("status"), edited.Str("title")));
        var delivery = RetractionTests.Delivery(await scenario.ItemAsync(item), "facebook");
        Assert.Equal("published", delivery.Str("status"));
        Assert.NotNull(delivery["editedAt"]);
        var post = Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Contains(Corrected, post.Text, StringComparison.Ordinal);
        Assert.Equal(delivery.Str("remotePostId"), post.Id);
        var versions = await scenario.Broker.Services.GetRequiredService<IItemRevisionStore>().ListAsync(item, CancellationToken.None);
        Assert.Equal([(ItemRevision.Submitted, (string?)null), (ItemRevision.EditedInPlace, "Hari salah tulis.")], versions.Select(v => (v.Kind, v.Cause)));
        var trail = await scenario.Api.GetJsonAsync($"/api/audit?objectId={item}");
        Assert.Contains(trail.AsArray(), e => e!.Str("action") == "item.editedInPlace");
    }

#if !ON_POSTGRESQL // feature-level: the stores' part is proven by the first test on both providers
    [Fact]
    public async Task An_edit_the_platform_refuses_leaves_the_old_text_with_a_reason_code_that_the_item_page_explains_in_both_languages()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook]);
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "post_edit", FaultKinds.Permanent));

        await scenario.Api.PostExpectAsync($"/api/items/{item}/edit-in-place", new { title = Corrected, body = "Isi.", reason = "Hari salah tulis." }, 200);

        var done = await Eventually.WaitAsync(
            () => scenario.ItemAsync(item), i => RetractionTests.Delivery(i, "facebook").Str("status") != "editing", "the edit to be given up");
        var delivery = RetractionTests.Delivery(done, "facebook");
        Assert.Equal(("published", "deliveryReason.editRefused"), (delivery.Str("status"), delivery.Str("errorCode")));
        Assert.StartsWith("Not edited in place", delivery.Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain(Corrected, Assert.Single(scenario.Sandbox.State.Posts("facebook")).Text, StringComparison.Ordinal);
        await RetractionTests.AssertItemPageExplainsAsync(
            scenario,
            item,
            "Platform tidak menerima perubahan teks; posting tetap dengan teks lamanya.",
            "The platform did not accept the new text; the post keeps its earlier text.",
            "Not edited in place");
    }

    [Fact]
    public async Task An_edit_over_a_changed_item_is_refused_with_the_stale_edit_code()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook]);

        var stale = (await scenario.ItemAsync(item))["version"]!.GetValue<long>() - 1;

        var (refused, problem) = await scenario.Api.SendAsync(HttpMethod.Post, $"/api/items/{item}/edit-in-place", new { title = Corrected, body = "Isi.", reason = "Ralat.", version = stale });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(("item.editStale", stale), (problem!["reason"]!.Str("code"), problem["reason"]!["arguments"]!["read"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_item_that_also_went_to_instagram_is_not_edited_in_place_and_its_correction_retracts_and_publishes_again_with_both_in_the_history()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, instagram, _) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook, instagram]);

        var (refused, problem) = await scenario.Api.SendAsync(HttpMethod.Post, $"/api/items/{item}/edit-in-place", new { title = Corrected, body = "Isi.", reason = "Hari salah tulis." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("retracting", problem!.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(2, scenario.Sandbox.State.Posts(null).Count(p => !p.Text!.Contains(Corrected, StringComparison.Ordinal)));

        var correction = await scenario.Api.PostExpectAsync($"/api/items/{item}/correct", new { title = Corrected, retractOriginal = true, reason = "Hari salah tulis." }, 201);

        var revisions = scenario.Broker.Services.GetRequiredService<IItemRevisionStore>();
        Assert.Equal([ItemRevision.Submitted], (await revisions.ListAsync(item, CancellationToken.None)).Select(v => v.Kind));
        var corrected = Assert.Single(await revisions.ListAsync(correction.Str("id"), CancellationToken.None));
        Assert.Equal((ItemRevision.Correction, Corrected), (corrected.Kind, corrected.Title));
        Assert.Equal(item, correction.Str("correctsItemId"));
        Assert.Equal("retracted", (await scenario.ItemAsync(item)).Str("status"));
    }

    [Fact]
    public async Task Two_edits_in_place_at_once_save_one_and_refuse_the_other()
    {
        await using var scenario = await RetractionTests.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var item = await RetractionTests.PublishedItemAsync(scenario, [facebook]);

        var version = (await scenario.ItemAsync(item))["version"]!.GetValue<long>();

        // Both read the item at the same version, as two editors with the page open would.
        var answers = await Race.RunAsync(2, i => scenario.Api.PostAsync(
            $"/api/items/{item}/edit-in-place",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(new { title = $"{Corrected} {i}", body = "Isi.", reason = "Ralat.", version }), System.Text.Encoding.UTF8, "application/json")));

        Race.AssertOneWinner(answers);
        Assert.Equal(2, (await scenario.Broker.Services.GetRequiredService<IItemRevisionStore>().ListAsync(item, CancellationToken.None)).Count);
    }
#endif
}
