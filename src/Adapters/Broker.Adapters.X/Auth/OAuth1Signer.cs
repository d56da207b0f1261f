using System.Security.Cryptography;
using System.Text;

namespace Broker.Adapters.X.Auth;

/// <summary>
/// Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849) as X requires: the signed parameters are the
/// <c>oauth_*</c> ones, the query string and an <c>application/x-www-form-urlencoded</c> body; JSON and multipart
/// bodies are not signed. Time and nonce are injected so the signature can be tested against X's worked example.
/// </summary>
public sealed class OAuth1Signer(TimeProvider timeProvider, Func<string> nonceSource)
{
    /// <summary>A signer with random nonces.</summary>
    public OAuth1Signer(TimeProvider timeProvider)
        : this(timeProvider, RandomNonce)
    {
    }

    /// <summary>The value of the <c>Authorization</c> header (starting with <c>OAuth </c>) for one request.</summary>
    public string CreateAuthorizationHeader(
        HttpMethod method,
        Uri url,
        OAuth1Credentials credentials,
        IEnumerable<KeyValuePair<string, string>>? formParameters = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(credentials);
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = credentials.ConsumerKey,
            ["oauth_nonce"] = nonceSource(),
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["oauth_token"] = credentials.AccessToken,
            ["oauth_version"] = "1.0",
        };
        var signed = oauth.Concat(QueryParameters(url)).Concat(formParameters ?? []);
        oauth["oauth_signature"] = Sign(method, url, signed, credentials.ConsumerSecret, credentials.AccessTokenSecret);
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{PercentEncode(p.Key)}=\"{PercentEncode(p.Value)}\""));
    }

    /// <summary>The base64 HMAC-SHA1 signature of a request whose parameters (raw, not encoded) are given.</summary>
    public static string Sign(
        HttpMethod method,
        Uri url,
        IEnumerable<KeyValuePair<string, string>> parameters,
        string consumerSecret,
        string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes($"{PercentEncode(consumerSecret)}&{PercentEncode(tokenSecret)}");
        var data = Encoding.ASCII.GetBytes(SignatureBaseString(method, url, parameters));
        return Convert.ToBase64String(HMACSHA1.HashData(key, data));
    }

    /// <summary><c>METHOD&amp;pct(base URL)&amp;pct(sorted, encoded parameters)</c>.</summary>
    public static string SignatureBaseString(HttpMethod method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        var normalized = string.Join('&', parameters
            .Select(p => (Key: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        return $"{method.Method.ToUpperInvariant()}&{PercentEncode(BaseUrl(url))}&{PercentEncode(normalized)}";
    }

    /// <summary>RFC 3986 percent-encoding of UTF-8: everything but <c>A–Z a–z 0–9 - . _ ~</c>, upper-case hex.</summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Scheme and host in lower case, the port only when not the default, the path, no query or fragment.</summary>
    private static string BaseUrl(Uri url)
    {
        var port = url.IsDefaultPort ? string.Empty : $":{url.Port}";
        return $"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}{port}{url.AbsolutePath}";
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return new(Decode(name), Decode(value));
        }
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static string RandomNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
