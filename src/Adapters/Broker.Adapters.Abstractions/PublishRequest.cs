namespace Broker.Adapters;

/// <summary>One attempt to publish one delivery (one item to one account).</summary>
public sealed record PublishRequest
{
    /// <summary>The broker's delivery id; stable across attempts.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>Which attempt this is, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>When the first attempt of this delivery started; reconciliation looks for posts made since then.</summary>
    public required DateTimeOffset FirstAttemptAt { get; init; }

    /// <summary>The account to publish to.</summary>
    public required ChannelAccount Account { get; init; }

    /// <summary>The rendered post.</summary>
    public required RenderedPost Post { get; init; }

    /// <summary>
    /// Progress an adapter saved in earlier attempts of this delivery (such as an Instagram container id), so a
    /// multi-step publish resumes instead of starting over.
    /// </summary>
    public required IDeliveryProgress Progress { get; init; }
}
