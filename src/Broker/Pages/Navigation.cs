using Broker.Access;

namespace Broker.Pages;

/// <summary>The pages a role uses, in the order of its work, for the header's menu.</summary>
public static class Navigation
{
    public sealed record Link(string Path, string Label);

    public static IReadOnlyList<Link> For(Caller caller) => caller.Role switch
    {
        UserRole.Editor =>
        [
            new("/tinjau", Text.Nav_Review), new("/jadwal", Text.Nav_Calendar), new("/pengiriman", Text.Nav_Deliveries),
            new("/akun", Text.Nav_Accounts), new("/konten", Text.Nav_Items), new("/kirim", Text.Nav_Submit),
            new("/amplifikasi", Text.Nav_Amplification), new("/umpan", Text.Nav_Feeds), new("/laporan", Text.Nav_Reports),
            new("/webhook", Text.Nav_Webhooks), new("/pengaman", Text.Nav_Guardrails), new("/notifikasi", Text.Nav_Notifications),
            new("/pengguna", Text.Nav_People), new("/opd", Text.Nav_Opds), new("/direktori-asn", Text.Nav_Asn), new("/jejak-audit", Text.Nav_Audit),
        ],
        UserRole.OpdAdmin =>
        [
            new("/konten", Text.Nav_Items), new("/kirim", Text.Nav_Submit), new("/tinjau", Text.Nav_Review),
            new("/jadwal", Text.Nav_Calendar), new("/pengiriman", Text.Nav_Deliveries), new("/akun", Text.Nav_Accounts),
            new("/amplifikasi", Text.Nav_Amplification), new("/umpan", Text.Nav_Feeds), new("/laporan", Text.Nav_Reports),
            new("/notifikasi", Text.Nav_Notifications), new("/direktori-asn", Text.Nav_Asn),
        ],
        UserRole.Reporter => [new("/konten", Text.Nav_Items), new("/kirim", Text.Nav_Submit), new("/notifikasi", Text.Nav_Notifications)],
        _ => [new("/asn", Text.Nav_Share), new("/notifikasi", Text.Nav_Notifications)],
    };

    /// <summary>Where a role starts after signing in.</summary>
    public static string Home(Caller caller) => caller.Role switch
    {
        UserRole.Editor => "/tinjau",
        UserRole.Asn => "/asn",
        _ => "/konten",
    };
}
