using System.Text;
using Broker.Adapters.X.Text;

namespace Broker.Adapters.X.Tests.Text;

/// <summary>
/// Random texts built to hit the edges of twitter-text's URL pattern: protocols in any case, labels joined by hyphens
/// and underscores, TLDs (any of the list, in any case, with the Kelvin sign for k), ports, paths, queries, trailing
/// punctuation, characters that may or may not precede a URL, Unicode letters and case partners, emoji, directional
/// marks, keycaps, combining marks, unpaired surrogates, over-long labels.
/// </summary>
internal sealed class UrlTextGenerator(int seed)
{
    private static readonly string[] Protocols = ["http://", "https://", "HTTP://", "hTtPs://", "http:/", "https:", "ftp://", "http://http://"];

    private static readonly string[] Labels =
    [
        "a", "go", "pemkot", "surabaya", "x", "t", "www", "example", "a_b", "b-c", "a--b", "_a", "a_", "-a", "a-", "xn--p1ai",
        "123", "com", "co", "id", "tv", "comx", "co2", "Wali", "KOTA", "é", "ümit", "ı", "İd", "ſ", "\u212Aota", "ⱥ", "\u2C65",
        "中文", "あいう", "پاکستان", "москва", "ΕΛ", "\u0345", "\u1C80", new string('a', 63), new string('b', 64),
        string.Concat(Enumerable.Repeat("あいうえお", 5)),
    ];

    private static readonly string[] Joints =
    [
        ".", ".", ".", "..", "-", "_", "/", "?", ":", ":80", ":8080/", "@", "#", "$", "+", "(", ")", "!", ",", "'", "=", "&",
        "~", "|", "[", "]", "%", "*", ";", "\u2013", "\\", "\"", "<", ">", "^", "`", "{", "}", "＠", "＃", "…",
    ];

    private static readonly string[] Spaces = [" ", " ", "\n", "\t", "\u00A0", "\u3000", "\u2028"];

    private static readonly string[] Oddities =
    [
        "\U0001F600", "\u2764\uFE0F", "\u200D", "\uFE0F", "\u202A", "\u202C", "\u2066", "\u2069", "\u200E", "\u061C", "\uFEFF",
        "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "\u180E", "\u00AD", "\u0301", "\u20E3", "1\uFE0F\u20E3", "#\u20E3", "*\uFE0F",
        "\u00A9\uFE0F", "\U0001F1EE\U0001F1E9", "\U0001F468\u200D\U0001F469", "\U0001F44D\U0001F3FD", "A\u0301", "\uFB2C", "中",
    ];

    private readonly Random random = new(seed);

    /// <summary>The text with everything but printable ASCII as <c>\uXXXX</c>, for a failure message.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c is >= ' ' and <= '~' ? c.ToString() : $@"\u{(int)c:X4}");
        }

        return escaped.ToString();
    }

    /// <summary>A text of up to <paramref name="maxParts"/> parts.</summary>
    public string Next(int maxParts)
    {
        var text = new StringBuilder();
        var parts = random.Next(1, maxParts + 1);
        for (var i = 0; i < parts; i++)
        {
            text.Append(Part());
        }

        return text.ToString();
    }

    private string Part() => random.Next(100) switch
    {
        < 25 => NearUrl(),
        < 31 => Pick(Protocols),
        < 47 => Pick(Labels),
        < 57 => Tld(),
        < 80 => Pick(Joints),
        < 89 => Pick(Spaces),
        < 94 => Pick(Oddities),
        _ => Word(),
    };

    /// <summary>Something shaped like a URL: maybe a protocol, labels and a TLD, maybe a port, a path, a query.</summary>
    private string NearUrl()
    {
        var url = new StringBuilder();
        if (random.Next(3) == 0)
        {
            url.Append(Pick(Protocols));
        }

        for (var labels = random.Next(1, 4); labels > 0; labels--)
        {
            url.Append(random.Next(3) == 0 ? Word() : Pick(Labels)).Append(random.Next(8) == 0 ? Pick(Joints) : ".");
        }

        url.Append(Tld());
        if (random.Next(6) == 0)
        {
            url.Append(':').Append(random.Next(100_000));
        }

        for (var tail = random.Next(5); tail > 0; tail--)
        {
            url.Append(random.Next(3) switch
            {
                0 => "/",
                1 => Pick(Joints),
                _ => random.Next(2) == 0 ? Word() : Pick(Labels),
            });
        }

        return url.ToString();
    }

    /// <summary>A TLD of the list, each letter in a random case (k sometimes as the Kelvin sign).</summary>
    private string Tld()
    {
        var tld = Pick(XTopLevelDomains.All);
        var chars = tld.Select(c => random.Next(4) switch
        {
            0 => char.ToUpperInvariant(c),
            1 when c == 'k' => '\u212A',
            _ => c,
        });
        return string.Concat(chars);
    }

    private string Word()
    {
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => letters[random.Next(letters.Length)]));
    }

    private string Pick(IReadOnlyList<string> values) => values[random.Next(values.Count)];
}
