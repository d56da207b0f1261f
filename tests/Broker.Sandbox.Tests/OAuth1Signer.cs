using System.Security.Cryptography;
using System.Text;

namespace Broker.Sandbox.Tests;

/// <summary>The test's own OAuth 1.0a signer, checked against X's documented example.</summary>
internal static class OAuth1Signer
{
    public static string Header(
        string method, string url, IEnumerable<(string Key, string Value)> bodyParameters,
        string consumerKey, string consumerSecret, string token, string tokenSecret, string nonce, long timestamp)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = consumerKey,
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["oauth_token"] = token,
            ["oauth_version"] = "1.0",
        };
        oauth["oauth_signature"] = Signature(method, url, oauth.Select(p => (p.Key, p.Value)).Concat(bodyParameters), consumerSecret, tokenSecret);
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    public static string Signature(string method, string url, IEnumerable<(string Key, string Value)> parameters, string consumerSecret, string tokenSecret)
    {
        var uri = new Uri(url);
        var all = parameters.ToList();
        if (uri.Query.Length > 1)
        {
            all.AddRange(uri.Query[1..].Split('&').Select(p => p.Split('=')).Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))));
        }

        var normalized = string.Join("&", all.Select(p => (K: Encode(p.Key), V: Encode(p.Value))).OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal).Select(p => $"{p.K}={p.V}"));
        var baseUrl = uri.GetLeftPart(UriPartial.Path);
        var baseString = $"{method.ToUpperInvariant()}&{Encode(baseUrl)}&{Encode(normalized)}";
        var key = Encoding.ASCII.GetBytes($"{Encode(consumerSecret)}&{Encode(tokenSecret)}");
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)));
    }

    private static string Encode(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' ? ((char)b).ToString() : $"%{b:X2}"));
}
