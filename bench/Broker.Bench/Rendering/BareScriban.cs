using System.Globalization;
using Broker.Intake;
using Scriban;
using Scriban.Runtime;

namespace Broker.Bench.Rendering;

/// <summary>The reference: the same template file parsed and rendered by Scriban alone, from a model with the same values.</summary>
internal sealed class BareScriban(Template template, Item item, string platform, string accountName, string opdName)
{
    private readonly string? eventEnded = item.EventEndedAt is { } ended
        ? TimeZoneInfo.ConvertTime(ended, TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar")).ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("id-ID"))
        : null;

    /// <summary>The template text a plugin ships (the built-in adapters' defaults: no file in <c>templates/</c> any more).</summary>
    public static BareScriban For(string templateText, string source, Item item, string platform, string accountName, string opdName) =>
        new(Template.Parse(templateText, source), item, platform, accountName, opdName);

    public Template Template => template;

    public string Render() => template.Render(Model());

    /// <summary>The values the broker's own model holds for this item and account.</summary>
    public ScriptObject Model() =>
        new()
        {
            ["title"] = item.Title,
            ["body"] = item.Body,
            ["link"] = item.Link,
            ["opd_code"] = item.Opd,
            ["opd_name"] = opdName,
            ["account_name"] = accountName,
            ["platform"] = platform,
            ["photo_count"] = item.MediaIds.Count,
            ["event_ended_at"] = eventEnded,
        };
}
