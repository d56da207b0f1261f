namespace Broker.Dispatch;

/// <summary>When a delivery that resumes is due, and from when its retries may run.</summary>
internal static class DueTimes
{
    /// <summary>
    /// A delivery that resumes (after a re-authorisation hold, a circuit break, an operator's retry) is due at the later
    /// of now and its scheduled time: an embargoed post never goes early because something else came back.
    /// </summary>
    public static DateTimeOffset Resumed(Delivery delivery, DateTimeOffset now) => delivery.ScheduledAt > now ? delivery.ScheduledAt : now;

    /// <summary>The time retries give up at: a deadline after the scheduled time, or after the operator's last retry.</summary>
    public static DateTimeOffset Deadline(Delivery delivery, TimeSpan deadline) =>
        (delivery.RetriedAt is { } retried && retried > delivery.ScheduledAt ? retried : delivery.ScheduledAt) + deadline;
}
