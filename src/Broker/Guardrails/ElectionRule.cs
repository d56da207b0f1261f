namespace Broker.Guardrails;

/// <summary>What review does with an item that names a period's terms.</summary>
public enum ElectionRule
{
    /// <summary>The review page and the preview warn; approval goes ahead.</summary>
    Warn,

    /// <summary>Approval is refused unless an editor overrides it with a written reason (audited).</summary>
    Refuse,
}
