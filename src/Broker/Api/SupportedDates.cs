namespace Broker.Api;

/// <summary>
/// The dates a person may give anywhere (report periods, audit queries, publish times): 2000-01-01 to 2100-12-31.
/// Far enough either side for any real use; near enough that shifting by a time zone or adding a week never overflows
/// <see cref="DateTimeOffset"/> (year 1 and 9999 did, with a 500).
/// </summary>
public static class SupportedDates
{
    public static readonly DateOnly First = new(2000, 1, 1);

    public static readonly DateOnly Last = new(2100, 12, 31);

    public static string Range => $"{First:yyyy-MM-dd} to {Last:yyyy-MM-dd}";

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    public static bool Contains(DateTimeOffset at) => Contains(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>The message for a <paramref name="field"/> outside the range.</summary>
    public static string Refusal(string field) => $"{field} must be between {Range}.";

    /// <summary><see cref="Refusal"/> with its code, for a page to word in its language.</summary>
    public static UserMessage Message(string field) =>
        UserMessage.Of(MessageCodes.FieldDateRange, Refusal(field), ("first", First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("last", Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
}
