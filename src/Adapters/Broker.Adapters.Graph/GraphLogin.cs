using System.Globalization;

namespace Broker.Adapters.Graph;

/// <summary>What Facebook Login and Instagram Login share: reading token answers and wording failures for the person connecting.</summary>
public static class GraphLogin
{
    /// <summary>The <c>access_token</c> of a token answer (plain or wrapped in <c>data[0]</c>) and its lifetime, if it says.</summary>
    public static (string? Token, TimeSpan? Lifetime) TokenOf(GraphResult result)
    {
        if (result is not GraphResult.Answer answer)
        {
            return (null, null);
        }

        var body = GraphJson.Data(answer.Body).FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } first ? first : answer.Body;
        var lifetime = GraphJson.Long(body, "expires_in") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return (GraphJson.String(body, "access_token"), lifetime);
    }

    /// <summary>The failure of the login step <paramref name="step"/> (e.g. "exchanging the code").</summary>
    public static ConnectionResult Failure(string platform, string step, GraphResult result) => result switch
    {
        GraphResult.Refusal refusal => new ConnectionResult.Refused($"{platform} refused {step}: {refusal.Error.Describe()}"),
        GraphResult.NoAnswer noAnswer => new ConnectionResult.Unreachable($"{platform} did not answer {step}: {noAnswer.Reason}"),
        _ => new ConnectionResult.Refused($"{platform} answered {step} without an access token"),
    };

    /// <summary><paramref name="baseUrl"/> + <paramref name="path"/> with the query parameters, escaped.</summary>
    public static Uri Url(Uri baseUrl, string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var encoded = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new Uri($"{baseUrl.AbsoluteUri.TrimEnd('/')}/{path.TrimStart('/')}?{encoded}");
    }

    /// <summary>An expiry as the credentials store it (ISO 8601, invariant).</summary>
    public static string Format(DateTimeOffset expiresAt) => expiresAt.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An expiry read back from credentials, or <c>null</c>.</summary>
    public static DateTimeOffset? ParseExpiry(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires) ? expires : null;
}
