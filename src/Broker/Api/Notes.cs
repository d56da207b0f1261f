namespace Broker.Api;

/// <summary>
/// What a person writes to another beside a decision (a review comment, a reason to reject, retract or edit in place, an
/// amplification note, an election override): one limit for the API and the pages.
/// </summary>
public static class Notes
{
    /// <summary>The longest such note, in characters.</summary>
    public const int MaxLength = 2000;
}
