namespace Broker.Accounts.Pausing;

public enum AccountPauseResult
{
    Done,
    NotFound,
    Invalid,

    /// <summary>Paused already (pause), not paused (resume), or another request changed the pause meanwhile.</summary>
    Conflict,

    /// <summary>An OPD admin tried to resume a pause an editor set.</summary>
    EditorsPause,
}
