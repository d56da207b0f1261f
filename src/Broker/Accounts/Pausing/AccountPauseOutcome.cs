namespace Broker.Accounts.Pausing;

/// <summary>What became of a pause or a resume: done, or why not (with the API's English detail).</summary>
public sealed record AccountPauseOutcome(AccountPauseResult Result, string? Detail = null, Guardrails.Suspension? Pause = null)
{
    /// <summary>Done: <paramref name="pause"/> is the account's suspension as stored (resumed, after a resume).</summary>
    public static AccountPauseOutcome Done(Guardrails.Suspension pause) => new(AccountPauseResult.Done, Pause: pause);

    public static readonly AccountPauseOutcome NotFound = new(AccountPauseResult.NotFound);

    public static readonly AccountPauseOutcome EditorsPause = new(
        AccountPauseResult.EditorsPause, "An editor paused this account; only an editor may resume it.");

    public static AccountPauseOutcome Conflict(string detail) => new(AccountPauseResult.Conflict, detail);

    public static AccountPauseOutcome Invalid(string detail) => new(AccountPauseResult.Invalid, detail);
}
