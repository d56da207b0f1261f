using Broker.Hosting;

namespace Broker.Access;

/// <summary>Role names as the API spells them: <c>editor</c>, <c>reporter</c>, <c>opdAdmin</c>, <c>asn</c>.</summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Reporter = "reporter";
    public const string OpdAdmin = "opdAdmin";
    public const string Asn = "asn";

    public static string Name(UserRole role) => Naming.Camel(role);
}
