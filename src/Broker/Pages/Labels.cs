using System.Globalization;
using Broker.Accounts;
using Broker.Amplification;
using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Pages;

/// <summary>The words a page shows for states and roles, from the resources (keys like <c>ItemStatus_sentBack</c>).</summary>
public static class Labels
{
    public static string Of(ItemStatus status) => Lookup("ItemStatus_", Naming.Camel(status));

    /// <summary>An item status as the API spells it (camelCase), e.g. a conflict's current status.</summary>
    public static string OfItem(string status) => Lookup("ItemStatus_", status);

    public static string Of(DeliveryStatus status) => Lookup("DeliveryStatus_", Naming.Camel(status));

    public static string Of(AccountStatus status) => Lookup("AccountStatus_", Naming.Camel(status));

    public static string Of(AmplificationStatus status) => Lookup("AmplificationStatus_", Naming.Camel(status));

    /// <summary>A platform's own name, as it writes it (brand names are not translated).</summary>
    public static string Platform(string platform) => platform switch
    {
        "x" => "X",
        { Length: > 0 } => char.ToUpperInvariant(platform[0]) + platform[1..],
        _ => platform,
    };
    /// <summary>What made a version of an item (<see cref="ItemRevision.Kind"/>).</summary>
    public static string OfRevision(string kind) => Lookup("Versions_Kind_", kind);

    public static string Role(Access.UserRole role) => Lookup("Role_", Naming.Camel(role));

    /// <summary>The CSS class of a state's badge: good, wait, bad or off.</summary>
    public static string Tone(ItemStatus status) => status switch
    {
        ItemStatus.Published => "good",
        ItemStatus.Rejected or ItemStatus.Failed => "bad",
        ItemStatus.SentBack or ItemStatus.Retracted => "off",
        _ => "wait",
    };

    public static string Tone(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Published => "good",
        DeliveryStatus.Failed or DeliveryStatus.Held or DeliveryStatus.ManualRemovalNeeded => "bad",
        DeliveryStatus.Cancelled or DeliveryStatus.Removed => "off",
        _ => "wait",
    };

    public static string Tone(AmplificationStatus status) => status switch
    {
        AmplificationStatus.Accepted => "good",
        AmplificationStatus.Declined => "bad",
        _ => "wait",
    };

    public static string Format(string template, params object?[] values) => string.Format(CultureInfo.CurrentCulture, template, values);

    private static string Lookup(string prefix, string name) =>
        Text.ResourceManager.GetString(prefix + name, CultureInfo.CurrentUICulture) ?? name;
}
