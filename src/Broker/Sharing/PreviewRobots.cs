namespace Broker.Sharing;

/// <summary>Link-preview robots: they get Open Graph tags and are not counted as people.</summary>
public static class PreviewRobots
{
    private static readonly string[] Markers =
    [
        "WhatsApp", "facebookexternalhit", "Facebot", "meta-externalagent", "Twitterbot", "TelegramBot", "Slackbot", "LinkedInBot",
        "Discordbot", "SkypeUriPreview", "Googlebot", "bingbot", "Applebot", "Pinterest", "redditbot", "Embedly", "vkShare",
        "Iframely", "Mastodon", "Bluesky", "Yahoo! Slurp", "DuckDuckBot", "Google-InspectionTool", "Qwantify", "Embedly",
    ];

    public static bool IsRobot(string? userAgent) =>
        userAgent is { Length: > 0 } ua && Markers.Any(m => ua.Contains(m, StringComparison.OrdinalIgnoreCase));
}
