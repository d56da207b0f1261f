namespace Broker.Api;

/// <summary>Why a time a person gave is refused.</summary>
public enum TimeRefusal
{
    /// <summary>A time for something to happen that is already over.</summary>
    Passed,

    /// <summary>Outside <see cref="SupportedDates"/>.</summary>
    OutOfRange,
}
