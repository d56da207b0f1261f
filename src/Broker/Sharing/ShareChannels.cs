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

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { WhatsApp, Facebook, X, Telegram, Qr, Link };

    public static string Of(string? via) => via is not null && Known.Contains(via) ? via : Link;
}
