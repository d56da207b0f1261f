using System.Globalization;
using Broker.Accounts;
using Broker.Adapters;
using Broker.Api;
using Broker.Channels;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;
using Scriban.Runtime;

namespace Broker.Rendering;

/// <summary>Renders an item for each of its target accounts and checks the result against each platform's limits.</summary>
public sealed class PostRenderer(
    TemplateCatalog templates,
    TemplateRenderer renderer,
    AdapterRegistry adapters,
    IAccountStore accounts,
    IOpdStore opds,
    MediaFiles media,
    IOptions<RenderingOptions> options)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<IReadOnlyList<ChannelPreview>> PreviewAsync(Item item, CancellationToken cancellationToken)
    {
        var opd = await opds.GetAsync(item.Opd, cancellationToken);
        var photos = await media.ResolveAsync(item.MediaIds, cancellationToken);
        var previews = new List<ChannelPreview>();
        foreach (var accountId in item.AccountIds)
        {
            var account = await accounts.GetAsync(accountId, cancellationToken);
            previews.Add(account is null
                ? ChannelPreview.Broken(accountId, "", "", 0, photos.Count, UserMessage.Of(MessageCodes.AccountGone, $"Account '{accountId}' does not exist any more.", ("account", accountId)))
                : Preview(item, opd, account, photos));
        }

        return previews;
    }

    private ChannelPreview Preview(Item item, Opd? opd, Account account, IReadOnlyList<MediaFile> photos)
    {
        var adapter = adapters.Find(account.Platform);
        if (adapter is null)
        {
            return ChannelPreview.Broken(
                account.Id, account.Name, account.Platform, 0, photos.Count, UserMessage.Of(MessageCodes.NoAdapter, $"No adapter is loaded for platform '{account.Platform}'.", ("platform", account.Platform)));
        }

        var display = adapter.Preview;
        var template = templates.Find(account.Platform, item.Opd);
        if (template is null)
        {
            var why = UserMessage.Of(
                MessageCodes.NoTemplate,
                $"There is no template '{account.Platform}.sbn' in {templates.Folder}, and the {account.Platform} plugin ships none.",
                ("platform", account.Platform),
                ("folder", templates.Folder));
            return ChannelPreview.Broken(account.Id, account.Name, account.Platform, adapter.Limits.MaxTextLength, photos.Count, why) with { Display = display };
        }

        var result = renderer.Render(template, Model(item, opd, account));
        if (result.Text is null)
        {
            return ChannelPreview.Broken(account.Id, account.Name, account.Platform, adapter.Limits.MaxTextLength, photos.Count, new UserMessage(null, result.Error!)) with { Display = display };
        }

        var post = new RenderedPost
        {
            Text = result.Text,
            Link = Uri.TryCreate(item.Link, UriKind.Absolute, out var link) ? link : null,
            Media = photos,
        };
        var problems = adapter.Diagnose(post).Select(UserMessage.Of).ToList();
        return new ChannelPreview(account.Id, account.Name, account.Platform, post.Text, adapter.MeasureText(post.Text), adapter.Limits.MaxTextLength, photos.Count, [.. problems.Select(p => p.English)])
        {
            Post = post,
            Display = display,
            Messages = problems,
        };
    }

    private ScriptObject Model(Item item, Opd? opd, Account account)
    {
        var model = new ScriptObject
        {
            ["title"] = item.Title,
            ["body"] = item.Body,
            ["link"] = item.Link,
            ["opd_code"] = item.Opd,
            ["opd_name"] = opd?.Name ?? item.Opd,
            ["account_name"] = account.Name,
            ["platform"] = account.Platform,
            ["photo_count"] = item.MediaIds.Count,
            ["event_ended_at"] = item.EventEndedAt is { } ended
                ? TimeZoneInfo.ConvertTime(ended, zone).ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("id-ID"))
                : null,
        };
        return model;
    }
}
