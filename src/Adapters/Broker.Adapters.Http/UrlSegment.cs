namespace Broker.Adapters.Http;

/// <summary>Puts a value (an account id, a post id the platform returned) into a URL path as exactly one segment.</summary>
public static class UrlSegment
{
    /// <summary>
    /// <paramref name="value"/> escaped so that it stays one path segment: <c>/</c>, <c>?</c>, <c>#</c> and <c>%</c> are
    /// escaped, and a value of dots only, which a URL would resolve as "." or "..", has its dots escaped as well.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = Uri.EscapeDataString(value);
        return escaped.Length > 0 && escaped.All(c => c == '.') ? escaped.Replace(".", "%2E", StringComparison.Ordinal) : escaped;
    }

    /// <summary>Whether <paramref name="value"/> is a platform id made of 1 to 32 ASCII digits (Page, Instagram and X user ids).</summary>
    public static bool IsDigits(string? value) =>
        value is { Length: > 0 and <= 32 } && value.All(char.IsAsciiDigit);
}
