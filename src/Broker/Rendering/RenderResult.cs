namespace Broker.Rendering;

/// <summary>
/// A render's text, or the error that stopped it. <see cref="TimedOut"/> marks an error that is the time budget's: on a
/// starved machine (a first, cold render under load) it can pass when tried again, unlike a script error.
/// </summary>
public sealed record RenderResult(string? Text, string? Error, bool TimedOut = false)
{
    public static RenderResult Ok(string text) => new(text, null);

    public static RenderResult Fail(string error) => new(null, error);

    public static RenderResult OverBudget(string error) => new(null, error, TimedOut: true);
}
