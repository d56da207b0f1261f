using System.Security.Cryptography;
using System.Text;

namespace Broker.Sandbox.X;

/// <summary>Checks OAuth 1.0a HMAC-SHA1 signatures as X does (platforms.md §3.3).</summary>
internal static class OAuth1Verifier
{
    private static readonly string[] Required =
        ["oauth_consumer_key", "oauth_token", "oauth_signature", "oauth_signature_method", "oauth_timestamp", "oauth_nonce"];

    /// <summary>The header's parameters (percent-decoded), or null when it is not a well-formed OAuth header.</summary>
    public static Dictionary<string, string>? ParseHeader(string header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header["OAuth ".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            values[Uri.UnescapeDataString(part[..equals].Trim())] = Uri.UnescapeDataString(part[(equals + 1)..].Trim().Trim('"'));
        }

        return Required.All(values.ContainsKey) ? values : null;
    }

    public static bool Verify(HttpRequest request, IReadOnlyDictionary<string, string> oauth, string consumerSecret, string tokenSecret)
    {
        if (!oauth["oauth_signature_method"].Equals("HMAC-SHA1", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = Sign(BaseString(request, oauth), consumerSecret, tokenSecret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(oauth["oauth_signature"]));
    }

    public static string BaseString(HttpRequest request, IReadOnlyDictionary<string, string> oauth)
    {
        var parameters = oauth
            .Where(p => p.Key != "oauth_signature" && p.Key != "realm")
            .Select(p => (p.Key, p.Value))
            .Concat(request.Query.SelectMany(q => q.Value.Select(v => (q.Key, v ?? string.Empty))));
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            parameters = parameters.Concat(request.Form.SelectMany(f => f.Value.Select(v => (f.Key, v ?? string.Empty))));
        }

        var normalized = string.Join("&", parameters
            .Select(p => (Key: Encode(p.Item1), Value: Encode(p.Item2)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        var baseUrl = $"{request.Scheme.ToLowerInvariant()}://{request.Host.Value!.ToLowerInvariant()}{request.PathBase}{request.Path}";
        return request.Method.ToUpperInvariant() + "&" + Encode(baseUrl) + "&" + Encode(normalized);
    }

    public static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)));
    }

    /// <summary>RFC 3986 percent-encoding: everything but ALPHA / DIGIT / - . _ ~.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
