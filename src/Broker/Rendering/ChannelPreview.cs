using System.Text.Json.Serialization;
using Broker.Adapters;
using Broker.Api;

namespace Broker.Rendering;

/// <summary>An item as it will appear on one account: the exact text, its length as the platform counts it, the problems.</summary>
public sealed record ChannelPreview(
    string AccountId,
    string AccountName,
    string Platform,
    string? Text,
    int Length,
    int Limit,
    int Photos,
    IReadOnlyList<string> Problems)
{
    internal RenderedPost? Post { get; init; }

    /// <summary>How the channel shows a post, as its plugin describes it; null when no adapter is loaded for the platform.</summary>
    public PreviewDescriptor? Display { get; init; }

    /// <summary>The <see cref="Problems"/> with their codes (<see cref="MessageCodes"/>), for pages to word in the reader's language.</summary>
    [JsonIgnore]
    public IReadOnlyList<UserMessage> Messages { get; init; } = [];

    /// <summary>Each problem's code and arguments, in the order of <see cref="Problems"/>; a null code when its plugin names none.</summary>
    public IReadOnlyList<Dictionary<string, object?>> ProblemCodes => [.. Messages.Select(m => m.ForApi())];

    /// <summary>A preview that could not be rendered, with the one reason why.</summary>
    internal static ChannelPreview Broken(string accountId, string name, string platform, int limit, int photos, UserMessage why) =>
        new(accountId, name, platform, null, 0, limit, photos, [why.English]) { Messages = [why] };

    /// <summary>Terms of an election period in force that this channel's text names (<see cref="Guardrails.ElectionGuard"/>).</summary>
    public IReadOnlyList<string> ElectionTerms { get; init; } = [];
}
