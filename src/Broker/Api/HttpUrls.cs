using System.Globalization;

namespace Broker.Api;

/// <summary>
/// What a URL must be before the broker stores it or hands it on (to a platform, a page, a redirect): absolute http(s)
/// with a host, at most 2048 characters, no user name or password, and not one space, line break, control or invisible
/// formatting character anywhere — a link with a CR/LF was posted to the platforms as typed.
/// </summary>
public static class HttpUrls
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="value"/> is not such a URL (a sentence to follow its field's name), or null when it is.</summary>
    /// <param name="httpsOnly">Only https will do (a platform's permalink rendered as a link).</param>
    public static string? WhyRefused(string value, bool httpsOnly = false)
    {
        var scheme = httpsOnly ? "an absolute https URL" : "an absolute http or https URL";
        if (value.Length > MaxLength)
        {
            return $"must be {scheme} of at most {MaxLength} characters.";
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]) || char.IsControl(value[i]) || char.GetUnicodeCategory(value[i]) == UnicodeCategory.Format)
            {
                return $"contains a space, line break or control character at position {i + 1}; a URL may hold none (write a space as %20).";
            }
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)
            || !(uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return $"must be {scheme} of at most {MaxLength} characters.";
        }

        return uri.UserInfo.Length > 0 ? "must not hold a user name or password (user:password@)." : null;
    }

    /// <summary>Whether <paramref name="value"/> is an absolute https URL fit to render as a link.</summary>
    public static bool IsSafeHttps(string? value) => value is not null && WhyRefused(value, httpsOnly: true) is null;
}
