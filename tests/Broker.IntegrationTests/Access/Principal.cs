namespace Broker.IntegrationTests.Access;

/// <summary>Who sends a request in the access matrix.</summary>
public enum Principal
{
    NoToken,
    UnknownToken,
    ExpiredToken,
    RevokedToken,
    Editor,
    Reporter,
    OpdAdmin,
    OtherOpdAdmin,
    Asn,
}
