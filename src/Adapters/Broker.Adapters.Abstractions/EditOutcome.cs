namespace Broker.Adapters;

/// <summary>What came of one attempt to edit a post in place (<see cref="IPostEditor"/>). A closed set: the broker acts on each case.</summary>
public abstract record EditOutcome
{
    private EditOutcome()
    {
    }

    /// <summary>The platform now shows the new text.</summary>
    public sealed record Edited : EditOutcome;

    /// <summary>The post does not exist any more (deleted by a person or a retraction): there is nothing to edit.</summary>
    public sealed record Gone(string Reason) : EditOutcome;

    /// <summary>The platform refuses this edit for good (the post cannot be edited, the text is refused): correct it another way.</summary>
    public sealed record CannotEdit(string Reason) : EditOutcome;

    /// <summary>A failure that may pass (a server fault, no answer, a rate limit): try again, at <paramref name="RetryAt"/> when given.</summary>
    public sealed record Transient(string Reason, DateTimeOffset? RetryAt = null) : EditOutcome;

    /// <summary>The credentials are expired or revoked; a person must re-authorise the account first.</summary>
    public sealed record NeedsReauthorization(string Reason) : EditOutcome;

    /// <summary>The edit outcome for a call that failed the way a publish call would have.</summary>
    public static EditOutcome FromFailure(PublishOutcome failure) => failure switch
    {
        PublishOutcome.Transient t => new Transient(t.Reason, t.RetryAt),
        PublishOutcome.RateLimited r => new Transient(r.Reason, r.Until),
        PublishOutcome.NeedsReauthorization n => new NeedsReauthorization(n.Reason),
        PublishOutcome.Unknown u => new Transient(u.Reason),
        PublishOutcome.Failed f => new CannotEdit(f.Reason),
        _ => new Transient("The platform's answer was not understood."),
    };
}
