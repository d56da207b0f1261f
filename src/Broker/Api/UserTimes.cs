using Broker.Dispatch;
using Microsoft.Extensions.Options;

namespace Broker.Api;

/// <summary>
/// The one rule for every time a person gives. A time for something to happen (<c>publishAt</c>, <c>wishedAt</c>,
/// <c>until</c>) may not be earlier than now minus <see cref="DeliveryOptions.PastTimeGrace"/>: a year typo would
/// otherwise publish at once. Any other time (<c>eventEndedAt</c>, which may even lie ahead: a post is often prepared
/// before the event ends) only stays within <see cref="SupportedDates"/>. The API words the refusal in English, the pages in the
/// person's language, from the same <see cref="TimeRefusal"/>.
/// </summary>
public sealed class UserTimes(IOptions<DeliveryOptions> options, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Why a time for something to happen is refused, or null when it is fine (or not given).</summary>
    /// <param name="grace">How far in the past it may be; the configured grace when null.</param>
    public TimeRefusal? WhyComingRefused(DateTimeOffset? at, TimeSpan? grace = null) => at switch
    {
        null => null,
        { } value when !SupportedDates.Contains(value) => TimeRefusal.OutOfRange,
        { } value when value < Now - (grace ?? options.Value.PastTimeGrace) => TimeRefusal.Passed,
        _ => null,
    };

    /// <summary>Adds the API's message for <paramref name="field"/> when the time for something to happen is refused.</summary>
    public void Coming(FieldErrors errors, string field, DateTimeOffset? at, TimeSpan? grace = null) =>
        Add(errors, field, at, WhyComingRefused(at, grace));

    /// <summary>Adds the API's message for <paramref name="field"/> when a time is outside <see cref="SupportedDates"/>.</summary>
    public void Supported(FieldErrors errors, string field, DateTimeOffset? at) =>
        Add(errors, field, at, at is { } value && !SupportedDates.Contains(value) ? TimeRefusal.OutOfRange : null);

    private void Add(FieldErrors errors, string field, DateTimeOffset? at, TimeRefusal? refusal)
    {
        if (refusal is null || at is not { } value)
        {
            return;
        }

        errors.Add(field, refusal switch
        {
            TimeRefusal.Passed => $"{field} {value.UtcDateTime:u} has already passed: it is now {Now.UtcDateTime:u}. Give a time from now on.",
            _ => SupportedDates.Refusal(field),
        });
    }
}
