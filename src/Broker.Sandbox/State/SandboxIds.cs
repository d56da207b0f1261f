using System.Globalization;

namespace Broker.Sandbox.State;

/// <summary>Deterministic ids the sandbox derives instead of storing account links.</summary>
public static class SandboxIds
{
    /// <summary>The Instagram business account linked to a Facebook Page: "17841" + the page id's digits.</summary>
    public static string InstagramUserOfPage(string pageId) =>
        pageId.All(char.IsAsciiDigit) ? "17841" + pageId : FromToken("17841", pageId);

    /// <summary>A stable numeric id for a token (FNV-1a), so /me answers the same user for the same token.</summary>
    public static string FromToken(string prefix, string token)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return prefix + (hash % 1_000_000_000_000UL).ToString("D12", CultureInfo.InvariantCulture);
    }
}
