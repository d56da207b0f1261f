namespace Broker.Guardrails;

/// <summary>Suspensions of publishing (<c>Guardrails</c> section).</summary>
public sealed class GuardrailsOptions
{
    public const string Section = "Guardrails";

    /// <summary>How often each node looks for suspensions whose automatic resume time has come (the bound on how late it resumes).</summary>
    public TimeSpan ResumeCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// On resume, the deliveries of one account that came due meanwhile go out this far apart, in their scheduled order, so
    /// the account's posts keep their order; different accounts go at once.
    /// </summary>
    public TimeSpan ResumeSpacing { get; set; } = TimeSpan.FromSeconds(1);
}
