using System.Net;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
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
