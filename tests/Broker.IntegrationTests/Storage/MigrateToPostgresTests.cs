using System.Net;
using System.Net.Http.Headers;
using Broker.Engagement;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Broker.Sandbox.Control;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// <c>dotnet Broker.dll migrate --to postgres</c> as an operator runs it: a LiteDB install populated by the real broker
/// through its API, stopped, migrated by the real command in its own process, then served by the broker on PostgreSQL.
/// </summary>
public sealed class MigrateToPostgresTests(ITestOutputHelper output)
{
    private const string Ani = "198703152010011002";
    private const string Portal = "https://portal.example.go.id/berita/taman-samarendah";
    private const string Phone = "Mozilla/5.0 (Linux; Android 14) Chrome/130";
    private const string Laptop = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133";

    [Fact]
    public async Task A_migrated_install_runs_on_postgresql_publishing_what_was_pending_once_and_keeping_its_numbers()
    {
        await using var install = await Install.PopulateAsync(withPending: true);
        var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");

        var (exitCode, printed) = await MigrateAsync(install.Folder, connectionString);
        output.WriteLine(printed);
        Assert.True(exitCode == 0, printed);
        Assert.Contains("Migration complete", printed, StringComparison.Ordinal);
        AssertEachLaterKindCopied(printed);
        Assert.Contains("Not copied, being short-lived: sign-in links (send new ones), ASN import previews", printed, StringComparison.Ordinal);
        await AssertCopiedAsIsAsync(connectionString);

        await using var broker = BrokerProcess.OnSandbox(install.Folder, install.Sandbox, OnPostgres(connectionString));
        await broker.StartAsync();
        await Eventually.WaitAsync(() => broker.Client.GetJsonAsync($"/api/items/{install.Pending}"), i => i.Str("status") == "published", "the pending item to be published on PostgreSQL", TimeSpan.FromSeconds(90));

        var posts = install.Sandbox.State.Posts("facebook");
        Assert.Single(posts, p => p.Text!.StartsWith(Install.PublishedTitle + "\n", StringComparison.Ordinal));
        Assert.Single(posts, p => p.Text!.StartsWith(Install.PendingTitle + "\n", StringComparison.Ordinal));
        Assert.Equal(2, posts.Count);
        Assert.Equal("published", (await broker.Client.GetJsonAsync($"/api/items/{install.Published}")).Str("status"));
        var archived = await broker.Client.GetJsonAsync($"/api/items/{Install.ArchivedItem}");
        Assert.Equal(("published", "kiriman-arsip"), (archived.Str("status"), archived["deliveries"]![0]!.Str("id")));

        Assert.Equal(install.Webhook, Assert.Single((await broker.Client.GetJsonAsync("/api/webhooks")).AsArray())!.Str("id"));

        var photo = await broker.Client.GetAsync(new Uri($"/media/{install.Photo}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(install.PhotoBytes, await photo.Content.ReadAsByteArrayAsync());

        var clicks = await broker.Client.GetJsonAsync($"/api/items/{install.Published}/clicks");
        Assert.Equal(install.Clicks.ToJsonString(), clicks.ToJsonString());

        // The same visitor again: the same hash (the salt came along), so one more click and no new visitor.
        using var visitor = Visitor(broker, Phone);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync(new Uri($"/s/{install.Code}", UriKind.Relative))).StatusCode);
        var after = await Eventually.WaitAsync(() => broker.Client.GetJsonAsync($"/api/items/{install.Published}/clicks"), c => c["total"]!.GetValue<int>() == 3, "the new click to be counted");
        Assert.Equal(install.Clicks["unique"]!.GetValue<int>(), after["unique"]!.GetValue<int>());
    }

    [Fact]
    public async Task Migrating_twice_copies_nothing_the_second_time_and_ends_with_the_same_counts()
    {
        await using var install = await Install.PopulateAsync(withPending: false);
        var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");

        var first = await MigrateAsync(install.Folder, connectionString);
        var second = await MigrateAsync(install.Folder, connectionString);
        output.WriteLine(second.Output);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(CountTable(first.Output), CountTable(second.Output));
        Assert.DoesNotMatch(@"[1-9][\d,]* copied", second.Output);
        Assert.Contains(" 0 clicks copied", second.Output, StringComparison.Ordinal);
        await using var database = new NpgsqlConnection(connectionString);
        await database.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM share_clicks", database);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrating_is_refused_while_a_broker_runs_on_the_file_and_says_why()
    {
        var folder = Directory.CreateTempSubdirectory("broker-migrate-running-").FullName;
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, []);
        try
        {
            await broker.StartAsync();
            var connectionString = await PostgresServer.CreateDatabaseAsync("migrate");

            var (exitCode, printed) = await MigrateAsync(folder, connectionString);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("a broker is running on it", printed, StringComparison.Ordinal);
            await using var database = new NpgsqlConnection(connectionString);
            await database.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", database);
            Assert.Equal(0L, await tables.ExecuteScalarAsync()); // refused before touching PostgreSQL
            Assert.True((await broker.Client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode);
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrating_without_a_connection_string_is_refused_and_names_the_missing_setting()
    {
        var folder = Directory.CreateTempSubdirectory("broker-migrate-unset-").FullName;
        try
        {
            var (exitCode, printed) = await BrokerProcess.RunCommandAsync(
                new() { ["Storage__DatabasePath"] = Path.Combine(folder, "broker.db") }, "migrate", "--to", "postgres");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("ConnectionStrings:Broker is not set", printed, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_command_or_option_gets_the_usage_and_a_non_zero_exit()
    {
        var unknownCommand = await BrokerProcess.RunCommandAsync([], "migrat", "--to", "postgres");
        var unknownTarget = await BrokerProcess.RunCommandAsync([], "migrate", "--to", "mysql");

        Assert.Equal(2, unknownCommand.ExitCode);
        Assert.Contains("Unknown command 'migrat'", unknownCommand.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknownTarget.ExitCode);
        Assert.Contains("Usage: broker migrate --to postgres", unknownTarget.Output, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Output)> MigrateAsync(string folder, string connectionString) =>
        BrokerProcess.RunCommandAsync(
            new()
            {
                ["Storage__DatabasePath"] = Path.Combine(folder, "broker.db"),
                ["DataProtection__KeysPath"] = Path.Combine(folder, "keys"),
                ["ConnectionStrings__Broker"] = connectionString,
            },
            "migrate",
            "--to",
            "postgres");

    private static Dictionary<string, string> OnPostgres(string connectionString) => new()
    {
        ["Storage__Provider"] = "PostgreSql",
        ["ConnectionStrings__Broker"] = connectionString,
    };

    /// <summary>The kinds added after the migration was first written: each populated in LiteDB, each row counted alike in PostgreSQL.</summary>
    private static void AssertEachLaterKindCopied(string printed)
    {
        string[] kinds =
        [
            "notification preferences", "notifications", "webhooks", "webhook messages", "suspensions", "election periods", "feed subscriptions",
            "outbox events", "event consumer cursors", "item revisions", "click days", "metrics readings", "native posts", "account engagement states",
            "archived items", "archived deliveries",
        ];
        foreach (var kind in kinds)
        {
            var row = System.Text.RegularExpressions.Regex.Match(CountTable(printed), $@"^{kind}\s+([\d,]+)\s+([\d,]+)$", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(row.Success, $"no count row for {kind}");
            Assert.True(row.Groups[1].Value == row.Groups[2].Value && row.Groups[1].Value != "0", $"{kind}: {row.Value}");
        }
    }

    /// <summary>The rows whose values matter beyond their count: a click day's counts, and a read-back state's version (the next compare-and-set is on it).</summary>
    private static async Task AssertCopiedAsIsAsync(string connectionString)
    {
        await using var database = new NpgsqlConnection(connectionString);
        await database.OpenAsync();
        await using var day = new NpgsqlCommand("SELECT day, item_id, clicks, visitors, channels FROM click_days WHERE code = 'LamaLama'", database);
        await using (var reader = await day.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync(), "the click day was not copied");
            Assert.Equal((Install.OldDay, "item-lama", 7, 5), (reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
            Assert.Equal(new[] { 3, 4 }, reader.GetFieldValue<int[]>(4));
        }

        await using var state = new NpgsqlCommand("SELECT version, doc->>'NotPermitted' FROM account_engagement WHERE id = 'akun-lama'", database);
        await using var read = await state.ExecuteReaderAsync();
        Assert.True(await read.ReadAsync(), "the account's engagement state was not copied");
        Assert.Equal((2L, "izin dicabut"), (read.GetInt64(0), read.GetString(1)));
    }

    /// <summary>The lines of the final count table.</summary>
    private static string CountTable(string printed) =>
        string.Join('\n', printed.Split('\n').SkipWhile(l => !l.StartsWith("Kind", StringComparison.Ordinal)).TakeWhile(l => l.Trim().Length > 0));

    private static HttpClient Visitor(BrokerProcess broker, string userAgent)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = broker.BaseUrl };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    /// <summary>A LiteDB install made by the real broker through its API, then stopped.</summary>
    private sealed class Install : IAsyncDisposable
    {
        public const string PublishedTitle = "Wali Kota resmikan Taman Samarendah";
        public const string PendingTitle = "Jadwal vaksinasi pekan depan";

        /// <summary>A link whose clicks of a long-past day were purged, leaving the day's counts.</summary>
        public const string OldCode = "LamaLama";

        public const string ArchivedItem = "item-arsip";

        public static readonly DateOnly OldDay = new(2024, 11, 30);

        private Install(string folder, RunningSandbox sandbox)
        {
            Folder = folder;
            Sandbox = sandbox;
        }

        public string Folder { get; }

        public RunningSandbox Sandbox { get; }

        public string Published { get; private set; } = "";

        public string Pending { get; private set; } = "";

        public string Photo { get; private set; } = "";

        public byte[] PhotoBytes { get; } = SampleImages.Jpeg(640, 480);

        public string Code { get; private set; } = "";

        public string Webhook { get; private set; } = "";

        /// <summary>The item's click counts as the LiteDB broker showed them: totals, visitors, per ASN and per OPD.</summary>
        public System.Text.Json.Nodes.JsonNode Clicks { get; private set; } = new System.Text.Json.Nodes.JsonObject();

        /// <summary>
        /// An OPD with two Facebook Pages, an ASN, a photo, an item published with a share link clicked by two
        /// visitors, and (<paramref name="withPending"/>) an item approved for 25 s later; the broker is killed before
        /// that is due.
        /// </summary>
        public static async Task<Install> PopulateAsync(bool withPending)
        {
            var install = new Install(Directory.CreateTempSubdirectory("broker-migrate-").FullName, await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None));
            await using var broker = BrokerProcess.OnSandbox(install.Folder, install.Sandbox, []);
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(2, 900000);
            await api.PostExpectAsync("/api/opds", new { code = "dinkes", name = "Dinas Kesehatan" }, 201);
            await api.PostExpectAsync("/api/asn", new { nip = Ani, name = "Ani", opd = "dinkes" }, 201);
            install.Photo = await install.UploadPhotoAsync(api);
            await install.AddLaterKindsAsync(api, pages[0]);

            install.Published = await SubmitAsync(api, PublishedTitle, pages[0], [install.Photo], publishAt: null);
            await api.PostExpectAsync($"/api/items/{install.Published}/approve", null, 200);
            await Eventually.WaitAsync(() => api.GetJsonAsync($"/api/items/{install.Published}"), i => i.Str("status") == "published", "the first item to be published");
            await api.PostExpectAsync($"/api/items/{install.Published}/sharing", new { }, 200);
            install.Code = (await api.GetJsonAsync($"/api/items/{install.Published}/share-link?asn={Ani}")).Str("code");
            foreach (var userAgent in new[] { Phone, Laptop })
            {
                using var visitor = Visitor(broker, userAgent);
                Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync(new Uri($"/s/{install.Code}", UriKind.Relative))).StatusCode);
            }

            install.Clicks = await Eventually.WaitAsync(() => api.GetJsonAsync($"/api/items/{install.Published}/clicks"), c => c["total"]!.GetValue<int>() == 2, "both clicks to be stored");
            if (withPending)
            {
                install.Pending = await SubmitAsync(api, PendingTitle, pages[1], [], TimeProvider.System.GetUtcNow().AddSeconds(25));
                await api.PostExpectAsync($"/api/items/{install.Pending}/approve", null, 200);
            }

            await api.PostExpectAsync("/api/suspensions", new { scope = "account", target = pages[0], reason = "Akun diperiksa." }, 201);
            await broker.KillAsync();
            Assert.Single(install.Sandbox.State.Posts("facebook"));
            await install.AddKindsWithoutAnApiAsync();
            return install;
        }

        public async ValueTask DisposeAsync()
        {
            await Sandbox.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }

        private static async Task<string> SubmitAsync(HttpClient api, string title, string page, string[] mediaIds, DateTimeOffset? publishAt) =>
            (await api.PostExpectAsync(
                "/api/items",
                new { opd = "diskominfo", title, body = $"Isi: {title}.", link = Portal, mediaIds, accountIds = new[] { page }, publishAt },
                201)).Str("id");

        /// <summary>
        /// What the kinds added with events, notifications, webhooks, guardrails and feeds need to hold rows: a second
        /// editor's notification address, a webhook (its messages fail: no such host, kept with their attempts), an election
        /// period and a feed; the outbox and its cursors fill as the items' events are handed on.
        /// </summary>
        private async Task AddLaterKindsAsync(HttpClient api, string account)
        {
            // A second editor, told of the items the first one submits.
            var editor = await api.PostExpectAsync("/api/users", new { name = "Redaksi Dua", role = "editor" }, 201);
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", editor.Str("token"));
            var (saved, body) = await client.SendAsync(HttpMethod.Put, "/api/notifications/preferences", new { email = "redaksi@kota.example.go.id" });
            Assert.True(saved.IsSuccessStatusCode, body?.ToJsonString());
            Webhook = (await api.PostExpectAsync("/api/webhooks", new { url = "https://hooks.example.go.id/broker" }, 201)).Str("id");
            await api.PostExpectAsync(
                "/api/election-periods",
                new { name = "Pemilu 2024", kind = "votingDay", rule = "warn", terms = new[] { "coblos" }, startsAt = "2024-02-14T00:00:00+08:00", endsAt = "2024-02-15T00:00:00+08:00" },
                201);
            await api.PostExpectAsync("/api/feeds", new { opd = "diskominfo", url = "https://portal.example.go.id/feed.xml", accountIds = new[] { account } }, 201);
        }

        /// <summary>
        /// What the broker writes only on its own, later (a purged day's click counts, engagement read back), written into
        /// the stopped install through the LiteDB stores: a click day, a finished metrics reading, a native post and an
        /// account's read-back state at version 2.
        /// </summary>
        private async Task AddKindsWithoutAnApiAsync()
        {
            using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(Folder, "broker.db") }));
            database.Write(() => database.Collection<BsonDocument>("clickdays").Insert(new BsonDocument
            {
                ["_id"] = $"{OldDay:yyyy-MM-dd}/{OldCode}",
                ["Day"] = OldDay.DayNumber,
                ["Code"] = OldCode,
                ["ItemId"] = "item-lama",
                ["Nip"] = Ani,
                ["Clicks"] = 7,
                ["Visitors"] = 5,
                ["Channels"] = new BsonArray(new BsonValue(3), new BsonValue(4)),
            }));

            // Finished work the archive sweep moved out of the working collections, with its delivery.
            var archivedAt = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);
            database.Write(() =>
            {
                database.Collection<Broker.Intake.Item>(LiteDbArchiveStore.ItemsName).Insert(new Broker.Intake.Item
                {
                    Id = ArchivedItem,
                    Opd = "dinkes",
                    Title = "Liputan lama",
                    Body = "Sudah diarsipkan.",
                    Status = Broker.Intake.ItemStatus.Published,
                    AccountIds = ["akun-lama"],
                    CreatedAt = archivedAt,
                    UpdatedAt = archivedAt,
                    FirstPublishedAt = archivedAt.AddMinutes(40),
                });
                database.Collection<Broker.Dispatch.Delivery>(LiteDbArchiveStore.DeliveriesName).Insert(new Broker.Dispatch.Delivery
                {
                    Id = "kiriman-arsip",
                    ItemId = ArchivedItem,
                    AccountId = "akun-lama",
                    Platform = "facebook",
                    Status = Broker.Dispatch.DeliveryStatus.Published,
                    ScheduledAt = archivedAt.AddMinutes(40),
                    DueAt = archivedAt.AddMinutes(40),
                    PublishedAt = archivedAt.AddMinutes(40),
                    Text = "Liputan lama",
                });
            });

            var engagement = new LiteDbEngagementStore(new LiteDbMetricsReads(database), new LiteDbNativePosts(database), new LiteDbAccountEngagements(database));
            var at = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero);
            var reading = new MetricsRead
            {
                Id = "kiriman-lama@60m",
                DeliveryId = "kiriman-lama",
                ItemId = "item-lama",
                AccountId = "akun-lama",
                Platform = "facebook",
                RemotePostId = "1_2",
                PublishedAt = at,
                DueAt = MetricsRead.Never,
                Status = MetricsReadStatus.Done,
            };
            await engagement.AddReadsAsync([reading], CancellationToken.None);
            var native = new NativePost
            {
                Id = "akun-lama/3_4",
                AccountId = "akun-lama",
                Opd = "dinkes",
                Platform = "facebook",
                PlatformPostId = "3_4",
                PublishedAt = at,
                FirstSeenAt = at,
                UpdatedAt = at,
            };
            await engagement.SaveNativeAsync(native, CancellationToken.None);
            var state = new AccountEngagement { Id = "akun-lama", NextImportAt = at };
            Assert.True(await engagement.SaveAccountAsync(state, CancellationToken.None));
            state.NotPermitted = "izin dicabut";
            Assert.True(await engagement.SaveAccountAsync(state, CancellationToken.None));
        }

        private async Task<string> UploadPhotoAsync(HttpClient api)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(PhotoBytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "photo.jpg");
            var response = await api.PostAsync(new Uri("/api/media", UriKind.Relative), form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await System.Text.Json.Nodes.JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync()))!.Str("id");
        }
    }
}
