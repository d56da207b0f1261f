namespace Broker.Notifications;

/// <summary>What became of one send: a closed set.</summary>
public abstract record SendOutcome
{
    private SendOutcome()
    {
    }

    public sealed record Sent : SendOutcome;

    /// <summary>Try again later: after <paramref name="After"/> when the other side said when (Telegram's <c>retry_after</c>), else with backoff.</summary>
    public sealed record RetryLater(string Reason, TimeSpan? After = null) : SendOutcome;

    /// <summary>Trying again cannot help (an unknown chat, a mailbox the server refuses): shown as failed at once.</summary>
    public sealed record Refused(string Reason) : SendOutcome;
}
