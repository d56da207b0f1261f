#if !ON_POSTGRESQL
using System.Net;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Pages;

/// <summary>
/// Sent back, edited on the item's page, submitted again (issue 14), each version kept (issue 17). LiteDB only: the
/// versions' store is proven on both providers by its contract.
/// </summary>
public sealed class ResubmitPageTests
{
    private const string Comment = "Sebutkan nama taman dengan benar.";

    [Fact]
    public async Task A_sent_back_item_is_edited_on_its_page_with_its_photo_replaced_and_each_version_shows_with_its_decision()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, fb, session) = await SentBackAsync(scenario);
        using var _ = session;
        var replacement = await scenario.UploadPhotoAsync(name: "baru.jpg");

        var page = await (await session.GetAsync($"/konten/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(Comment, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/konten/{id}/ubah\"", page, StringComparison.Ordinal);

        using var saved = await session.PostFormAsync($"/konten/{id}/ubah", $"/konten/{id}/ubah", Form(fb, replacement, await VersionAsync(scenario, id)));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/konten/{id}?selesai=resubmitted", saved.Headers.Location!.OriginalString);
        var item = await scenario.ItemAsync(id);
        Assert.Equal(("submitted", "Wali Kota resmikan Taman Samarendah (diperbaiki)", replacement), (item.Str("status"), item.Str("title"), item["mediaIds"]![0]!.GetValue<string>()));
        var versions = await scenario.Broker.Services.GetRequiredService<IItemRevisionStore>().ListAsync(id, CancellationToken.None);
        Assert.Equal([(ItemRevision.Submitted, (string?)null), (ItemRevision.Edited, Comment)], versions.Select(v => (v.Kind, v.Cause)));
        Assert.NotEqual(versions[0].MediaIds, versions[1].MediaIds);
        var history = await (await session.GetAsync($"/konten/{id}?selesai=resubmitted")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"version-1\"", history, StringComparison.Ordinal);
        Assert.Contains("id=\"version-2\"", history, StringComparison.Ordinal);
        Assert.Contains("Dikembalikan", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_submits_of_one_edit_at_once_save_one_and_answer_the_other_with_409()
    {
        await using var scenario = await Scenario.StartAsync();
        var (id, fb, session) = await SentBackAsync(scenario);
        using var _ = session;
        var token = await session.FormTokenAsync($"/konten/{id}/ubah");
        var version = await VersionAsync(scenario, id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            var fields = Form(fb, null, version);
            fields["Form.Title"] += $" {i}";
            fields["__RequestVerificationToken"] = token;
            using var response = await session.PostAsync($"/konten/{id}/ubah", fields);
            return response.StatusCode;
        })));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], answers.Order());
        Assert.Equal(2, (await scenario.Broker.Services.GetRequiredService<IItemRevisionStore>().ListAsync(id, CancellationToken.None)).Count);
        using var stale = await session.PostFormAsync($"/konten/{id}/ubah", $"/konten/{id}/ubah", Form(fb, null, version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("edit-conflict", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A reporter's item with a photo, sent back by the editor: (item, account, the reporter's page session).</summary>
    private static async Task<(string Id, string Account, PageSession Session)> SentBackAsync(Scenario scenario)
    {
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var photo = await scenario.UploadPhotoAsync();
        var (_, token) = await scenario.CreateUserAsync("Rina", "reporter");
        using var reporter = scenario.ClientWith(token);
        var id = (await reporter.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "Wali Kota resmikan Taman", body = "Isi.", mediaIds = new[] { photo }, accountIds = new[] { fb } }, 201)).Str("id");
        await scenario.Api.PostExpectAsync($"/api/items/{id}/send-back", new { comment = Comment }, 200);
        return (id, fb, await PageSession.SignInAsync(scenario, token));
    }

    private static async Task<long> VersionAsync(Scenario scenario, string id) => (await scenario.ItemAsync(id))["version"]!.GetValue<long>();

    private static Dictionary<string, string> Form(string account, string? photo, long version)
    {
        var fields = new Dictionary<string, string>
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Opd"] = "diskominfo",
            ["Form.Title"] = "Wali Kota resmikan Taman Samarendah (diperbaiki)",
            ["Form.Body"] = "Isi yang diperbaiki.",
            ["Form.AccountIds"] = account,
        };
        if (photo is not null)
        {
            fields["Form.MediaIds"] = photo;
        }

        return fields;
    }
}
#endif
