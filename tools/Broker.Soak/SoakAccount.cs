namespace Broker.Soak;

/// <summary>One channel account of the run: the broker's id, the platform's id and the credentials it was given.</summary>
internal sealed record SoakAccount(string Id, string Platform, string ExternalId, object Credentials)
{
    /// <summary>
    /// An account numbered <paramref name="number"/> on <paramref name="platform"/>. X access tokens start with the user
    /// id, as real ones do, so the sandbox files the account's posts under its external id.
    /// </summary>
    public static (string ExternalId, object Credentials) Describe(string platform, int number) => platform switch
    {
        "facebook" => ($"{2_000_000 + number}", new { accessToken = $"fb-page-token-{number}" }),
        "instagram" => ($"{17_841_000_000_000 + number}", new { accessToken = $"ig-token-{number}" }),
        _ => ($"{3_000_000_000 + number}", new { consumerKey = "soak-ck", consumerSecret = "soak-cs", accessToken = $"{3_000_000_000 + number}-soak", accessTokenSecret = "soak-ats" }),
    };
}
