namespace Broker.Sharing;

/// <summary>What a short link leads to, as the redirect needs it: a target the broker recorded itself, never one from the request.</summary>
/// <param name="Redirects">The target with its UTM parameters, one per channel, at the channel's number in <see cref="ShareChannels.All"/>.</param>
public sealed record ResolvedLink(
    string Code,
    string Nip,
    string ItemId,
    string Opd,
    Uri Target,
    string Campaign,
    string Title,
    string Description,
    Uri? Image,
    DateTimeOffset? Until,
    IReadOnlyList<string> Redirects)
{
    /// <summary>The item was retracted: the link answers 410 with a notice, redirects nowhere and counts nothing.</summary>
    public bool IsWithdrawn { get; init; }

    public static ResolvedLink Withdrawn(string code, string nip, string itemId, string opd, string title, Uri self) =>
        new(code, nip, itemId, opd, self, string.Empty, title, string.Empty, null, null, []) { IsWithdrawn = true };
}
