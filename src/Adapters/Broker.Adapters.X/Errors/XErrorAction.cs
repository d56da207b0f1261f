namespace Broker.Adapters.X.Errors;

/// <summary>What a refusal means for the delivery (platforms.md §4, X column).</summary>
internal enum XErrorAction
{
    Retry,
    WaitForRateLimit,
    OperatorMustAct,
    Reauthorize,
    Permanent,
    MaybePublished,
}
