namespace Broker.Access;

/// <summary>The roles of PRODUCT.md: Diskominfo's editors and reporters, each agency's admins, and civil servants (ASN).</summary>
public enum UserRole
{
    Editor,
    Reporter,
    OpdAdmin,
    Asn,
}
