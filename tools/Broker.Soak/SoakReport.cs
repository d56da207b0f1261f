using System.Globalization;
using Broker.Sandbox.State;

namespace Broker.Soak;

/// <summary>
/// The end state of a run, compared from both sides: the broker's deliveries and the sandbox's posts. A post belongs to a
/// delivery when it is on the delivery's account with the delivery's text (every item's text is unique).
/// </summary>
internal sealed record SoakReport(
    int Deliveries,
    int Published,
    IReadOnlyDictionary<string, int> FailedByReason,
    IReadOnlyDictionary<string, int> HeldByReason,
    int Pending,
    int Cancelled,
    int Duplicates,
    int PublishedWithoutPost,
    int UnknownPosts,
    int Vanished,
    IReadOnlyList<string> Findings)
{
    public int Failed => FailedByReason.Values.Sum();

    public int Held => HeldByReason.Values.Sum();

    public int Lost => PublishedWithoutPost + UnknownPosts + Vanished;

    public static SoakReport Compare(
        IReadOnlyList<DeliveryRow> deliveries, IReadOnlyList<SoakAccount> accounts, IReadOnlyList<SandboxPost> posts, IReadOnlySet<string> accepted)
    {
        var externalIds = accounts.ToDictionary(a => a.Id, a => a.ExternalId, StringComparer.Ordinal);
        var postsOf = posts.ToLookup(p => (p.Platform, p.AccountId, Normalize(p.Text)));
        IEnumerable<SandboxPost> PostsOf(DeliveryRow d) => postsOf[(d.Platform, externalIds.GetValueOrDefault(d.AccountId, "?"), Normalize(d.Text))];

        var recorded = deliveries.Where(d => d.RemotePostId is not null).Select(d => d.RemotePostId!).ToHashSet(StringComparer.Ordinal);
        var unsettled = deliveries.Where(d => d.Status is "scheduled" or "publishing" or "retrying" or "held").SelectMany(PostsOf).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var known = deliveries.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var deliveryOf = deliveries.ToLookup(d => (d.Platform, externalIds.GetValueOrDefault(d.AccountId, "?"), Normalize(d.Text)));
        string Describe(DeliveryRow d) => $"delivery {d.Id} {d.Platform} {d.Status} after {d.Attempts} attempts, post {d.RemotePostId ?? "-"}: {d.Error}";
        var findings = deliveries.Where(d => PostsOf(d).Count() > 1)
            .Select(d => $"duplicate: {Describe(d)}; posts {string.Join(", ", PostsOf(d).Select(p => $"{p.Id} at {p.CreatedAt:HH:mm:ss.fff}"))}")
            .Concat(deliveries.Where(d => d.Status == "published" && !PostsOf(d).Any(p => p.Id == d.RemotePostId)).Select(d => "published without post: " + Describe(d)))
            .Concat(posts.Where(p => !recorded.Contains(p.Id) && !unsettled.Contains(p.Id)).Select(p =>
                $"unknown post {p.Platform} {p.AccountId} {p.Id} at {p.CreatedAt:HH:mm:ss.fff}; " +
                string.Join("; ", deliveryOf[(p.Platform, p.AccountId, Normalize(p.Text))].Select(Describe).DefaultIfEmpty("no delivery has its text"))))
            .Concat(deliveries.Where(d => d.Status == "held").Select(d => "held: " + Describe(d)))
            .ToList();
        return new SoakReport(
            deliveries.Count,
            deliveries.Count(d => d.Status == "published"),
            ByReason(deliveries.Where(d => d.Status == "failed")),
            ByReason(deliveries.Where(d => d.Status == "held")),
            deliveries.Count(d => d.Status is "scheduled" or "publishing" or "retrying"),
            deliveries.Count(d => d.Status == "cancelled"),
            deliveries.Count(d => PostsOf(d).Count() > 1),
            deliveries.Count(d => d.Status == "published" && !PostsOf(d).Any(p => p.Id == d.RemotePostId)),
            posts.Count(p => !recorded.Contains(p.Id) && !unsettled.Contains(p.Id)),
            accepted.Count(id => !known.Contains(id)),
            findings);
    }

    public void Print(TextWriter output, string heading)
    {
        output.WriteLine();
        output.WriteLine(heading);
        output.WriteLine();
        output.WriteLine("| figure | count |");
        output.WriteLine("|---|---:|");
        Row(output, "deliveries", Deliveries);
        Row(output, "published", Published);
        Row(output, "failed", Failed);
        foreach (var (reason, count) in FailedByReason.OrderByDescending(r => r.Value))
        {
            Row(output, "  failed: " + reason, count);
        }

        Row(output, "held", Held);
        foreach (var (reason, count) in HeldByReason.OrderByDescending(r => r.Value))
        {
            Row(output, "  held: " + reason, count);
        }

        Row(output, "still pending", Pending);
        Row(output, "cancelled", Cancelled);
        Row(output, "duplicates (deliveries with more than one post)", Duplicates);
        Row(output, "lost", Lost);
        Row(output, "  published with no sandbox post", PublishedWithoutPost);
        Row(output, "  sandbox posts no delivery knows", UnknownPosts);
        Row(output, "  accepted deliveries that vanished", Vanished);
        if (Findings.Count > 0)
        {
            output.WriteLine();
            foreach (var finding in Findings.Take(40))
            {
                output.WriteLine("- " + finding);
            }
        }
    }

    private static void Row(TextWriter output, string figure, int count) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {count} |"));

    /// <summary>Reasons grouped by their words, without the platform's details in parentheses (trace ids, counts).</summary>
    private static Dictionary<string, int> ByReason(IEnumerable<DeliveryRow> deliveries) => deliveries
        .GroupBy(d => Reason(d.Error))
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Reason(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return "(no reason)";
        }

        var cut = error.IndexOf(" (", StringComparison.Ordinal);
        return (cut > 0 ? error[..cut] : error).Replace('|', '/');
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
