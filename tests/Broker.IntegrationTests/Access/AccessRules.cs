using Broker.IntegrationTests.Infrastructure;
using static Broker.IntegrationTests.Access.AccessRule;

namespace Broker.IntegrationTests.Access;

/// <summary>
/// The roles table of PRODUCT.md, endpoint by endpoint. Keys are "METHOD route pattern" exactly as the broker maps them:
/// the matrix test fails for any mapped endpoint that has no rule here, so a new endpoint cannot ship without one.
/// 404 rather than 403 where saying 403 would reveal that another OPD's object exists.
/// </summary>
public static class AccessRules
{
    public static IReadOnlyList<AccessRule> All { get; } =
    [
        Public("GET /health", _ => Get("/health"), 200),
        Public("GET /health/live", _ => Get("/health/live"), 200),
        Public("GET /health/ready", _ => Get("/health/ready"), 200),
        Public("GET /metrics", _ => Get("/metrics"), 200),
        Public("GET /openapi/{documentName}.json", _ => Get("/openapi/v1.json"), 200),
        Public("GET /media/{id}", w => Get($"/media/{w.Photo}"), 200),
        Public("GET /media/{id}.jpg", w => Get($"/media/{w.PngPhoto}.jpg"), 200),
        Public("GET /oauth/callback/{platform}", _ => Get("/oauth/callback/facebook?code=abc&state=not-a-state"), 400),
        Public("POST /api/sessions", w => Post("/api/sessions", new { token = w.ReporterToken }), 200),
        Public("DELETE /api/sessions", _ => Delete("/api/sessions"), 204),

        Signed("POST /api/users", _ => Post("/api/users", new { name = "Nia", role = "reporter" }), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/users", _ => Get("/api/users"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/users/me", _ => Get("/api/users/me"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 200),
        Signed("POST /api/users/{id}/revoke", async w => await Post($"/api/users/{(await w.Scenario.CreateUserAsync("Tono", "reporter")).Id}/revoke"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/users/{id}/token", async w => await Post($"/api/users/{(await w.Scenario.CreateUserAsync("Tini", "reporter")).Id}/token"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("POST /api/users/{id}/sign-in-link", async w => await Post($"/api/users/{(await w.Scenario.CreateUserAsync("Tari", "reporter")).Id}/sign-in-link"),
            editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Public("GET /masuk/tautan/{code}", _ => Get("/masuk/tautan/not-a-code-anyone-was-given"), 404),
        Page("GET /pengguna", _ => Get("/pengguna"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("PUT /api/opds/{code}", async w => await Put($"/api/opds/{await FreshOpdAsync(w)}", new { name = "Dinas Baru (ganti nama)", version = 0 }),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /opd", _ => Get("/opd"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/opds", _ => Post("/api/opds", new { code = "opd-" + Guid.NewGuid().ToString("N")[..8], name = "Dinas Baru" }), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/opds", _ => Get("/api/opds"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/opds/{code}", _ => Get($"/api/opds/{AccessWorld.Opd}"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),

        Signed("POST /api/accounts", _ => Post("/api/accounts", new { opd = AccessWorld.Opd, platform = "facebook", name = "Dinkes FB 2", externalId = "2000002", credentials = new { accessToken = "page-token" } }),
            editor: 201, reporter: 403, opdAdmin: 201, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/accounts", _ => Get("/api/accounts"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/accounts/{id}", w => Get($"/api/accounts/{w.Account}"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("PUT /api/accounts/{id}/credentials", w => Put($"/api/accounts/{w.Account}/credentials", new { credentials = new { accessToken = "new-page-token" } }),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),

        Signed("POST /api/accounts/{id}/pause", async w => await Post($"/api/accounts/{await w.SpareAccountAsync()}/pause", new { reason = "Akun diperiksa." }),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/accounts/{id}/resume", async w => await Post($"/api/accounts/{await w.PausedAccountAsync()}/resume"),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/accounts/connect/{platform}", _ => Post("/api/accounts/connect/facebook", new { opd = AccessWorld.Opd }),
            editor: 201, reporter: 403, opdAdmin: 201, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/accounts/connections/{id}", w => Get($"/api/accounts/connections/{w.Connection}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/accounts/connections/{id}/select", async w => await Post($"/api/accounts/connections/{await w.FreshConnectionAsync()}/select", new { externalIds = new[] { "1" } }),
            editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 404, asn: 403), // only the starter (the editor) may choose

        Signed("POST /api/media", _ => Upload("/api/media"), editor: 201, reporter: 201, opdAdmin: 201, otherOpdAdmin: 201, asn: 403),
        Signed("GET /api/media/{id}", w => Get($"/api/media/{w.Photo}"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),

        Signed("POST /api/items", w => Post("/api/items", w.ItemBody()), editor: 201, reporter: 201, opdAdmin: 201, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/items", _ => Get("/api/items"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/items/{id}", w => Get($"/api/items/{w.ReporterItem}"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("PUT /api/items/{id}", async w => await Put($"/api/items/{await w.FreshItemAsync()}", w.ItemBody()),
            editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("GET /api/items/{id}/preview", w => Get($"/api/items/{w.ReporterItem}/preview"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/items/{id}/approve", async w => await Post($"/api/items/{await w.FreshItemAsync()}/approve", new { publishAt = w.Clock.GetUtcNow().AddDays(2) }),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/items/{id}/send-back", async w => await Post($"/api/items/{await w.FreshItemAsync()}/send-back", new { comment = "Tambahkan nama lokasi." }),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/items/{id}/reject", async w => await Post($"/api/items/{await w.FreshItemAsync()}/reject", new { reason = "Duplikat." }),
            editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),

        Signed("POST /api/items/{id}/retract", async w => await Post($"/api/items/{await w.FreshItemAsync()}/retract", new { reason = "Ditarik." }),
            editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/items/{id}/correct", w => Post($"/api/items/{w.ReporterItem}/correct", new { body = "Koreksi." }),
            editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/items/{id}/edit-in-place", w => Post($"/api/items/{w.ReporterItem}/edit-in-place", new { title = "Ralat", body = "Isi.", reason = "Salah tanggal." }),
            editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/deliveries/{id}/confirm-removal", w => Post($"/api/deliveries/{w.Delivery}/confirm-removal"),
            editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/records/export", _ => Get("/api/records/export?from=2026-01-01&to=2026-01-02"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("GET /api/deliveries", _ => Get("/api/deliveries?status=scheduled"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/deliveries/{id}", w => Get($"/api/deliveries/{w.Delivery}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/deliveries/{id}/retry", w => Post($"/api/deliveries/{w.Delivery}/retry"), editor: 409, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/deliveries/{id}/cancel", async w => await Post($"/api/deliveries/{await w.FreshDeliveryAsync()}/cancel"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("POST /api/asn", _ => Post("/api/asn", new { nip = AccessWorld.NewNip(), name = "Dewi", opd = AccessWorld.Opd }), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/asn/import", _ => Csv("/api/asn/import", $"nip,name,opd\n{AccessWorld.NewNip()},Dewi,{AccessWorld.Opd}\n"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/asn/import/previews", _ => Csv("/api/asn/import/previews", $"nip,name,opd\n{AccessWorld.NewNip()},Dewi,{AccessWorld.Opd}\n"),
            editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/asn/import/previews/{id}/confirm", async w => await Post($"/api/asn/import/previews/{await FreshPreviewAsync(w)}/confirm"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /direktori-asn", _ => Get("/direktori-asn"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /direktori-asn/impor/{id?}", _ => Get("/direktori-asn/impor"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /direktori-asn/tautan", _ => Get("/direktori-asn/tautan"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/asn", _ => Get("/api/asn"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/asn/{nip}", _ => Get($"/api/asn/{AccessWorld.AsnNip}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/asn/{nip}/deactivate", async w => await Post($"/api/asn/{await w.FreshAsnAsync()}/deactivate"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("POST /api/amplification-requests", w => Post("/api/amplification-requests", new { opd = AccessWorld.Opd, itemId = w.ReporterItem, note = "Mohon diperkuat.", accountIds = new[] { w.CentralAccount } }),
            editor: 201, reporter: 403, opdAdmin: 201, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/amplification-requests", _ => Get("/api/amplification-requests"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/amplification-requests/{id}", w => Get($"/api/amplification-requests/{w.Request}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/amplification-requests/{id}/accept", async w => await Post($"/api/amplification-requests/{await w.FreshRequestAsync()}/accept"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/amplification-requests/{id}/decline", async w => await Post($"/api/amplification-requests/{await w.FreshRequestAsync()}/decline", new { reason = "Sudah diliput." }),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("POST /api/items/{id}/sharing", w => Post($"/api/items/{w.SharedItem}/sharing", new { }), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("DELETE /api/items/{id}/sharing", async w => await Delete($"/api/items/{await w.FreshItemAsync()}/sharing"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/items/{id}/share-link", w => Get($"/api/items/{w.SharedItem}/share-link?asn={AccessWorld.AsnNip}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 200),
        Signed("GET /api/share-list", _ => Get($"/api/share-list?asn={AccessWorld.AsnNip}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 200),
        Signed("GET /api/items/{id}/clicks", w => Get($"/api/items/{w.SharedItem}/clicks"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("GET /api/reports/amplification", _ => Get("/api/reports/amplification"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Public("GET /s/{code}", w => Get($"/s/{w.LinkCode}"), 302),
        Public("GET /s/{code}/qr.png", w => Get($"/s/{w.LinkCode}/qr.png"), 200),
        Signed("POST /api/feeds", w => Post("/api/feeds", new { opd = AccessWorld.Opd, url = FeedUrl(), accountIds = new[] { w.Account } }),
            editor: 201, reporter: 403, opdAdmin: 201, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/feeds", _ => Get("/api/feeds"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/feeds/{id}", async w => await Get($"/api/feeds/{await FreshFeedAsync(w)}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("POST /api/feeds/{id}/poll", async w => await Post($"/api/feeds/{await FreshFeedAsync(w)}/poll"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Signed("DELETE /api/feeds/{id}", async w => await Delete($"/api/feeds/{await FreshFeedAsync(w)}"), editor: 204, reporter: 403, opdAdmin: 204, otherOpdAdmin: 404, asn: 403),
        Public("GET /feed/rss", _ => Get("/feed/rss"), 200),
        Public("GET /feed/atom", _ => Get("/feed/atom"), 200),
        Public("GET /opd/{code}/feed/rss", _ => Get($"/opd/{AccessWorld.Opd}/feed/rss"), 200),
        Public("GET /opd/{code}/feed/atom", _ => Get($"/opd/{AccessWorld.Opd}/feed/atom"), 200),
        Signed("GET /api/reports/opd-activity", _ => Get("/api/reports/opd-activity"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/reports/two-hour-rule", _ => Get("/api/reports/two-hour-rule?format=csv"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/reports/delivery-health", _ => Get("/api/reports/delivery-health"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/reports/engagement", _ => Get("/api/reports/engagement?format=csv&table=top"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),

        Public("GET /masuk", _ => Get("/masuk"), 200),
        Public("GET /keluar", _ => Get("/keluar"), 302),
        Public("GET /bahasa", _ => Get("/bahasa?ke=en&kembali=/konten"), 302),
        Page("GET /", _ => Get("/"), editor: 302, reporter: 302, opdAdmin: 302, otherOpdAdmin: 302, asn: 302),
        Page("GET /tinjau", _ => Get("/tinjau"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /tinjau/{id}", w => Get($"/tinjau/{w.ReporterItem}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Page("GET /kirim", _ => Get("/kirim"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /konten", _ => Get("/konten"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /konten/{id}", w => Get($"/konten/{w.ReporterItem}"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Page("GET /konten/{id}/ubah", w => Get($"/konten/{w.ReporterItem}/ubah"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Page("GET /arsip", _ => Get("/arsip"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /jadwal", _ => Get("/jadwal"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /pengiriman", _ => Get("/pengiriman"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /akun", _ => Get("/akun"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),

        // The editor started the world's connection: only they choose its accounts; the OPD's admin sees it exists (403).
        Page("GET /akun/sambung/{id}", w => Get($"/akun/sambung/{w.Connection}"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 404, asn: 403),
        Page("GET /laporan", _ => Get("/laporan"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /laporan/keterlibatan", _ => Get("/laporan/keterlibatan"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /amplifikasi", _ => Get("/amplifikasi"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /umpan", _ => Get("/umpan"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Page("GET /amplifikasi/{id}", w => Get($"/amplifikasi/{w.Request}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 403),
        Page("GET /asn", _ => Get($"/asn?nip={AccessWorld.AsnNip}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 404, asn: 200),

        Signed("GET /api/suspensions", _ => Get("/api/suspensions"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("POST /api/suspensions", async w => await Post("/api/suspensions", new { scope = "account", target = await w.SpareAccountAsync(), reason = "Akun diperiksa." }),
            editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/suspensions/{id}/resume", async w => await Post($"/api/suspensions/{await w.SuspendedScopeAsync()}/resume"),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /pengaman", _ => Get("/pengaman"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),

        Signed("GET /api/election-periods", _ => Get("/api/election-periods"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/election-periods/{id}", async w => await Get($"/api/election-periods/{await w.PastPeriodAsync()}"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("POST /api/election-periods", _ => Post("/api/election-periods", AccessWorld.PeriodBody("Pemilu 2024 (2)")), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("PUT /api/election-periods/{id}", async w => await Put($"/api/election-periods/{await w.PastPeriodAsync()}", AccessWorld.PeriodBody("Pemilu 2024 (3)")),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /pengaman/pemilu/{id?}", _ => Get("/pengaman/pemilu"), editor: 200, reporter: 403, opdAdmin: 200, otherOpdAdmin: 200, asn: 403),
        Signed("GET /api/asn/{nip}/export", _ => Get($"/api/asn/{AccessWorld.AsnNip}/export"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/asn/{nip}/erase", async w => await Post($"/api/asn/{await w.FreshAsnAsync()}/erase"), editor: 204, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Public("GET /privasi", _ => Get("/privasi"), 200),
        Signed("GET /api/notifications/preferences", _ => Get("/api/notifications/preferences"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 200),
        Signed("PUT /api/notifications/preferences", _ => Put("/api/notifications/preferences", new { email = "orang@kota.example.go.id" }),
            editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 200),
        Signed("GET /api/notifications", _ => Get("/api/notifications"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 200),
        Signed("GET /api/notifications/failed", _ => Get("/api/notifications/failed"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /notifikasi", _ => Get("/notifikasi"), editor: 200, reporter: 200, opdAdmin: 200, otherOpdAdmin: 200, asn: 200),

        Signed("GET /api/audit", _ => Get("/api/audit"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/audit/export", _ => Get("/api/audit/export?from=2026-01-01&to=2026-01-02"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /jejak-audit", _ => Get("/jejak-audit"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/admin/backup", _ => Post("/api/admin/backup"), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),

        Signed("GET /api/webhooks", _ => Get("/api/webhooks"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/webhooks", _ => Post("/api/webhooks", new { url = AccessWorld.WebhookUrl }), editor: 201, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("GET /api/webhooks/{id}", w => Get($"/api/webhooks/{w.Webhook}"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("PUT /api/webhooks/{id}", async w => await Put($"/api/webhooks/{await w.FreshWebhookAsync()}", new { url = AccessWorld.WebhookUrl, enabled = false }),
            editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("DELETE /api/webhooks/{id}", async w => await Delete($"/api/webhooks/{await w.FreshWebhookAsync()}"), editor: 204, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Signed("POST /api/webhooks/{id}/messages/{messageId}/replay", w => Post($"/api/webhooks/{w.Webhook}/messages/none/replay"),
            editor: 404, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /webhook", _ => Get("/webhook"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
        Page("GET /webhook/{id}", w => Get($"/webhook/{w.Webhook}"), editor: 200, reporter: 403, opdAdmin: 403, otherOpdAdmin: 403, asn: 403),
    ];

    /// <summary>A feed URL no subscription has yet: on loopback (allowed in tests), where nothing listens on port 1.</summary>
    private static string FeedUrl() => $"http://127.0.0.1:1/{Guid.NewGuid():N}.xml";

    private static async Task<string> FreshOpdAsync(AccessWorld world) =>
        await world.Scenario.CreateOpdAsync("opd-" + Guid.NewGuid().ToString("N")[..8], "Dinas Baru");

    private static async Task<string> FreshPreviewAsync(AccessWorld world)
    {
        using var csv = new StringContent($"nip,name,opd\n{AccessWorld.NewNip()},Dewi,{AccessWorld.Opd}\n", System.Text.Encoding.UTF8, "text/csv");
        using var response = await world.Editor.PostAsync("/api/asn/import/previews", csv);
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>(response.Content))!.Str("id");
    }

    private static async Task<string> FreshFeedAsync(AccessWorld world) =>
        (await world.Editor.PostExpectAsync("/api/feeds", new { opd = AccessWorld.Opd, url = FeedUrl(), accountIds = new[] { world.Account } }, 201)).Str("id");
}
