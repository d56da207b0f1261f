namespace Broker.Accounts.Connect;

/// <summary>A connection just started, and the platform page to send the person to.</summary>
public sealed record StartedConnection(AccountConnection Connection, Uri AuthorizeUrl);
