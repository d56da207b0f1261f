using Broker.Intake;
using Broker.Rendering;
using Broker.Storage;

namespace Broker.Guardrails;

/// <summary>
/// What the configured election periods mean for one item: the terms found in review (in its title, its body and each
/// channel's rendered text; photos carry no caption or alt text yet), and whether the ASN share list may offer it.
/// </summary>
public sealed class ElectionGuard(IElectionPeriodStore periods, TimeProvider time)
{
    /// <summary>The periods that cover now or <paramref name="publishAt"/>.</summary>
    public async Task<IReadOnlyList<ElectionPeriod>> InForceAsync(DateTimeOffset? publishAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await periods.ListAsync(cancellationToken)).Where(p => p.Covers(now) || (publishAt is { } at && p.Covers(at)))];
    }

    /// <summary>Every period's terms found in the item and in each channel's preview.</summary>
    public async Task<IReadOnlyList<ElectionFinding>> ReviewAsync(Item item, IReadOnlyList<ChannelPreview> previews, DateTimeOffset? publishAt, CancellationToken cancellationToken)
    {
        var findings = new List<ElectionFinding>();
        foreach (var period in await InForceAsync(publishAt ?? item.PublishAt, cancellationToken))
        {
            var places = new List<(string Where, string? Text)> { ("title", item.Title), ("body", item.Body) };
            places.AddRange(previews.Select(p => ($"{p.Platform} ({p.AccountName})", p.Text)));
            foreach (var (where, text) in places)
            {
                if (ElectionTerms.Find(text, period.Terms) is { Count: > 0 } terms)
                {
                    findings.Add(new ElectionFinding(period.Id, period.Name, period.Rule, where, terms));
                }
            }
        }

        return findings;
    }

    /// <summary>The terms found in one channel's rendered text, for its preview card.</summary>
    public static IReadOnlyList<string> FoundIn(ChannelPreview preview, IReadOnlyList<ElectionFinding> findings) =>
        [.. findings.Where(f => f.Where == $"{preview.Platform} ({preview.AccountName})").SelectMany(f => f.Terms).Distinct(StringComparer.Ordinal)];

    /// <summary>The periods in force now, for the share list.</summary>
    public async Task<IReadOnlyList<ElectionPeriod>> NowAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await periods.ListAsync(cancellationToken)).Where(p => p.Covers(now))];
    }

    /// <summary>The period that keeps <paramref name="item"/> off the ASN share lists now (frozen, or naming its terms), or null.</summary>
    public static ElectionPeriod? Withholding(Item item, IReadOnlyList<ElectionPeriod> inForce) =>
        inForce.FirstOrDefault(p => p.FreezeAsnSharing)
        ?? inForce.FirstOrDefault(p => ElectionTerms.Find(item.Title + "\n" + item.Body, p.Terms).Count > 0);
}
