namespace Broker.Amplification;

/// <summary>An OPD admin's request that the city's central accounts amplify one of the OPD's items or a URL.</summary>
public sealed class AmplificationRequest
{
    public required string Id { get; set; }

    public required string Opd { get; set; }

    /// <summary>The OPD's item to amplify, or null when <see cref="Url"/> is given.</summary>
    public string? ItemId { get; set; }

    /// <summary>An external post or article to amplify, or null when <see cref="ItemId"/> is given.</summary>
    public string? Url { get; set; }

    public required string Note { get; set; }

    /// <summary>The title of the central item made from <see cref="Url"/>; null for an item (it has its own) and for older requests.</summary>
    public string? Title { get; set; }

    /// <summary>The central accounts the OPD wishes the amplification on.</summary>
    public List<string> AccountIds { get; set; } = [];

    public DateTimeOffset? WishedAt { get; set; }

    public AmplificationStatus Status { get; set; }

    /// <summary>Goes up with every decision: a decision is made only over the version it was read at (<see cref="Storage.IStateChanges"/>).</summary>
    public long Version { get; set; }

    public string? DeclineReason { get; set; }

    /// <summary>The central item created on acceptance; it is reviewed and published like any other.</summary>
    public string? ResultItemId { get; set; }

    public required string RequestedBy { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}
