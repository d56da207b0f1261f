namespace Broker.Sharing;

/// <summary>The share channels a link can carry (<c>?via=</c>), which become utm_medium.</summary>
public static class ShareChannels
{
    public const string WhatsApp = "whatsapp";
    public const string Facebook = "facebook";
    public const string X = "x";
    public const string Telegram = "telegram";
    public const string Qr = "qr";
    public const string Link = "link";

    /// <summary>
    /// Every channel, each at its number: stored clicks keep the number, so a channel is only ever added at the end.
    /// <see cref="Link"/> (number 0) stands for a channel not known.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [Link, WhatsApp, Facebook, X, Telegram, Qr];

    public static string Of(string? via) => All[NumberOf(via)];

    /// <summary>The channel's number in <see cref="All"/>; 0 (<see cref="Link"/>) when it is not known.</summary>
    public static int NumberOf(string? via)
    {
        if (via is not null)
        {
            for (var i = 1; i < All.Count; i++)
            {
                if (string.Equals(All[i], via, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return 0;
    }
}
