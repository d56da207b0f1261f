namespace Broker.Access;

/// <summary>The claim types the broker puts on a signed-in user.</summary>
public static class BrokerClaims
{
    public const string Opd = "broker:opd";

    public const string AsnNip = "broker:asn";

    /// <summary>On a sign-in cookie: which token it was made from (see <see cref="Principals.TokenStamp"/>).</summary>
    public const string TokenStamp = "broker:token-stamp";
}
