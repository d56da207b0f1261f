namespace Broker.Access;

/// <summary>The claim types the broker puts on a signed-in user.</summary>
public static class BrokerClaims
{
    public const string Opd = "broker:opd";

    public const string AsnNip = "broker:asn";
}
