namespace Broker.Adapters.X.Auth;

/// <summary>Either how to authorise the account's requests, or why it cannot be done now.</summary>
internal sealed record XAuthorizationResult(XAuthorization? Authorization, PublishOutcome? Failure)
{
    public static XAuthorizationResult Ready(XAuthorization authorization) => new(authorization, null);

    public static XAuthorizationResult Failed(PublishOutcome failure) => new(null, failure);
}
