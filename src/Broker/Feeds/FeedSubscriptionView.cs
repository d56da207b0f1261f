using Broker.Hosting;

namespace Broker.Feeds;

/// <summary>A subscription as the API shows it, with how its feed answered last.</summary>
public sealed record FeedSubscriptionView(
    string Id,
    long Version,
    string Opd,
    string Url,
    string Name,
    IReadOnlyList<string> AccountIds,
    string State,
    string? Problem,
    int Failures,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset? LastSucceededAt,
    DateTimeOffset NextPollAt,
    int ItemsCreated,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    public static FeedSubscriptionView Of(FeedSubscription s) => new(
        s.Id, s.Version, s.Opd, s.Url, s.Name, s.AccountIds, Naming.Camel(s.State), s.Problem, s.Failures, s.LastPolledAt, s.LastSucceededAt,
        s.NextPollAt, s.ItemsCreated, s.CreatedBy, s.CreatedAt);
}
