using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Broker.Storage;

/// <summary>
/// Where a keyset page ends: the last row's time (as the store keeps it, to its precision) and id. Rows are ordered on
/// (time, id), so a cursor stays valid when rows are inserted before or after it. Given to callers as an opaque string.
/// </summary>
public readonly record struct PageCursor(DateTimeOffset At, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{Id}")));

    /// <summary>Reads a cursor made by <see cref="Encode"/>; anything else is refused rather than guessed at.</summary>
    public static bool TryParse(string? text, out PageCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 400)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }

        var dot = decoded.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == decoded.Length - 1
            || !long.TryParse(decoded.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), decoded[(dot + 1)..]);
        return true;
    }
}
