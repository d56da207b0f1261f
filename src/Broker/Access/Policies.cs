using Microsoft.AspNetCore.Authorization;

namespace Broker.Access;

/// <summary>
/// The roles table of PRODUCT.md as authorization policies. Every endpoint names one (or is explicitly anonymous); the
/// fallback policy refuses anonymous callers on anything that forgot to. What a role may see inside a policy (its own
/// OPD, its own items) is checked by the handlers through <see cref="Caller"/>.
/// </summary>
public static class Policies
{
    /// <summary>Diskominfo's editors: everything.</summary>
    public const string Editor = "editor";

    /// <summary>People who submit and follow items: editors, reporters, OPD admins.</summary>
    public const string Staff = "staff";

    /// <summary>Editors and OPD admins: channel accounts, amplification requests, an OPD's reports.</summary>
    public const string Managers = "managers";

    /// <summary>Anyone signed in, ASN included (share lists, share links, one's own counts).</summary>
    public const string Member = "member";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Editor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Editor));
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Editor, Roles.Reporter, Roles.OpdAdmin));
        options.AddPolicy(Managers, p => p.RequireAuthenticatedUser().RequireRole(Roles.Editor, Roles.OpdAdmin));
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser());
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
