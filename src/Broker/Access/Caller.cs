using System.Security.Claims;
using Broker.Intake;

namespace Broker.Access;

/// <summary>
/// The signed-in user of a request, with the scoping rules of PRODUCT.md's roles table: editors see everything, an OPD
/// admin only their OPD, a reporter only their own items, an ASN only their own links and counts.
/// </summary>
public sealed record Caller(string Id, string Name, UserRole Role, string? Opd, string? AsnNip)
{
    /// <summary>The broker itself, for changes it makes on its own.</summary>
    public static readonly Caller System = new("broker", "broker", UserRole.Editor, null, null);

    public bool IsEditor => Role == UserRole.Editor;

    public static Caller Of(HttpContext context) => Of(context.User);

    public static Caller Of(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user on this request; its endpoint must require authorization.");
        var role = principal.FindFirstValue(ClaimTypes.Role) switch
        {
            Roles.Editor => UserRole.Editor,
            Roles.Reporter => UserRole.Reporter,
            Roles.OpdAdmin => UserRole.OpdAdmin,
            Roles.Asn => UserRole.Asn,
            var other => throw new InvalidOperationException($"Unknown role claim '{other}'."),
        };
        return new Caller(id, principal.FindFirstValue(ClaimTypes.Name) ?? id, role, principal.FindFirstValue(BrokerClaims.Opd), principal.FindFirstValue(BrokerClaims.AsnNip));
    }

    /// <summary>Whether this caller may see (and, within their role, change) what belongs to the OPD.</summary>
    public bool Sees(string opd) => Role switch
    {
        UserRole.Editor or UserRole.Reporter => true,
        UserRole.OpdAdmin => string.Equals(Opd, opd, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The OPD a listing is limited to: the caller's own for an OPD admin, else the one asked for.</summary>
    public string? ScopeOpd(string? requested) => Role == UserRole.OpdAdmin ? Opd : requested;

    /// <summary>Editors see every item, OPD admins their OPD's, reporters the ones they submitted.</summary>
    public bool SeesItem(Item item) => SeesItem(item.Opd, item.SubmittedBy);

    /// <inheritdoc cref="SeesItem(Item)"/>
    public bool SeesItem(ItemSummary item) => SeesItem(item.Opd, item.SubmittedBy);

    private bool SeesItem(string opd, string? submittedBy) => Role switch
    {
        UserRole.Editor => true,
        UserRole.OpdAdmin => string.Equals(Opd, opd, StringComparison.Ordinal),
        UserRole.Reporter => string.Equals(Id, submittedBy, StringComparison.Ordinal),
        _ => false,
    };
}
