using Broker.Access;
using Broker.Accounts;
using Broker.Accounts.Connect;
using Broker.Amplification;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// Entities with every property set to a value other than its default (checked by <see cref="PropertyAssert.FullyPopulated"/>),
/// so a round trip proves each property is stored. Times are whole milliseconds (LiteDB keeps no finer) at Jakarta's
/// offset, not UTC, so a store that dropped the instant's offset arithmetic would show.
/// </summary>
internal static class Populated
{
    public static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(7));

    public static Item Item(string id, ItemStatus status = ItemStatus.Approved, string opd = "dinkes", DateTimeOffset? createdAt = null, int accounts = 2) => new()
    {
        Id = id,
        Version = 3,
        Opd = opd,
        SubmittedBy = "reporter-1",
        EditedBy = ["editor-1", "editor-2"],
        Title = "Vaksinasi gratis",
        Body = "Datang ke Puskesmas \"Sehat\" — Senin ✓",
        Link = "https://example.go.id/berita/1",
        EventEndedAt = At.AddDays(2),
        MediaIds = ["m1", "m2"],
        AccountIds = [.. Enumerable.Range(1, accounts).Select(i => $"acc-{i}")],
        PublishAt = At.AddHours(1),
        Status = status,
        ReviewComment = "ok",
        RejectReason = "none",
        CreatedAt = createdAt ?? At,
        UpdatedAt = At.AddMinutes(1),
        ApprovedAt = At.AddMinutes(2),
        FirstPublishedAt = At.AddMinutes(3),
        SharedAt = At.AddMinutes(4),
        ShareUntil = At.AddDays(7),
        ShareOpds = ["dinkes", "dishub"],
        Source = new ItemSource
        {
            SubscriptionId = "sub-1",
            FeedUrl = "https://dinkes.example.go.id/feed",
            EntryKey = "https://dinkes.example.go.id/?p=12",
            EntryLink = "https://dinkes.example.go.id/berita/12",
            ContentHash = "0a1b2c",
            FetchedAt = At.AddMinutes(-5),
            PhotoProblem = "The photo is larger than 8388608 bytes.",
        },
        DeadlineWarnedAt = At.AddHours(3),
        RetractedAt = At.AddMinutes(5),
        RetractedBy = "editor-2",
        RetractReason = "Data keliru",
        CorrectsItemId = "item-0",
        CorrectedByItemId = "item-9",
    };

    public static Delivery Delivery(string id, string itemId = "item-1", string accountId = "acc-1", DeliveryStatus status = DeliveryStatus.Scheduled, DateTimeOffset? dueAt = null) => new()
    {
        Id = id,
        Version = 2,
        ItemId = itemId,
        ItemCreatedAt = At,
        AccountId = accountId,
        Platform = "facebook",
        Status = status,
        ClaimedBy = "node-1",
        ScheduledAt = At,
        DueAt = dueAt ?? At.AddMinutes(5),
        Attempts = 4,
        FailedAttempts = 1,
        Text = "Vaksinasi gratis ✓",
        Link = "https://example.go.id/berita/1",
        MediaIds = ["m1"],
        RemotePostId = "123_456",
        Permalink = "https://facebook.example/123_456",
        Error = "timeout",
        ErrorCode = "deliveryReason.retrying",
        NeedsReconcile = true,
        Progress = new() { ["container"] = "c-1", ["step"] = "2" },
        RetriedAt = At.AddMinutes(6),
        FirstAttemptAt = At.AddMinutes(7),
        LastAttemptAt = At.AddMinutes(8),
        PublishedAt = At.AddMinutes(9),
        CreatedAt = At.AddSeconds(-1),
        UpdatedAt = At.AddSeconds(1),
        RemovalAttempts = 2,
        RemovedAt = At.AddMinutes(10),
        RemovalConfirmedBy = "editor-1",
        EditAttempts = 1,
        EditedAt = At.AddMinutes(11),
    };

    public static AmplificationRequest Request(string id, string opd = "dinkes", AmplificationStatus status = AmplificationStatus.Requested, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Opd = opd,
        ItemId = "item-1",
        Url = "https://example.go.id/berita/2",
        Note = "Mohon dibagikan",
        Title = "Festival kuliner Tepian Mahakam",
        AccountIds = ["central-fb", "central-x"],
        WishedAt = At.AddHours(3),
        Status = status,
        Version = 5,
        DeclineReason = "late",
        ResultItemId = "item-9",
        RequestedBy = "opd-admin",
        DecidedBy = "editor-1",
        CreatedAt = createdAt ?? At,
        DecidedAt = At.AddHours(1),
    };

    public static Account Account(string id, string opd = "dinkes") => new()
    {
        Id = id,
        Version = 4,
        Opd = opd,
        Platform = "x",
        Name = "Dinkes Kota",
        ExternalId = "998877",
        ProtectedCredentials = "CfDJ8-protected",
        ApiBaseUrl = "http://127.0.0.1:5000",
        Status = AccountStatus.NeedsReauth,
        StatusReason = "token expired",
        ReconnectedAt = At.AddHours(12),
        CreatedAt = At,
        UpdatedAt = At.AddDays(1),
    };

    public static User User(string id, string tokenHash, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Name = "Ani",
        Role = UserRole.Asn,
        Opd = "dinkes",
        AsnNip = "198703152010011002",
        TokenHash = tokenHash,
        TokenExpiresAt = At.AddDays(90),
        RevokedAt = At.AddDays(30),
        CreatedBy = "editor-1",
        CreatedAt = createdAt ?? At,
    };

    public static AuditEntry Audit(string id, string objectId = "item-1", string actor = "editor-1", DateTimeOffset? at = null) => new()
    {
        Id = id,
        At = at ?? At,
        Actor = actor,
        Action = "approve",
        ObjectType = "item",
        ObjectId = objectId,
        Detail = "approved with 2 accounts",
    };

    public static AccountConnection Connection(string id, string state, ConnectionStatus status = ConnectionStatus.Pending) => new()
    {
        Id = id,
        State = state,
        CodeVerifier = "verifier-" + id,
        Platform = "facebook",
        Opd = "dinkes",
        RedirectUri = "https://broker.example/connect/callback",
        Status = status,
        Error = "none yet",
        Candidates =
        [
            new ConnectionCandidate
            {
                Platform = "facebook",
                ExternalId = "page-1",
                Name = "Dinkes Page",
                Description = "the page",
                ApiBaseUrl = "http://127.0.0.1:5000",
                ProtectedCredentials = "CfDJ8-candidate",
                ExistingAccountId = "acc-1",
                AccountId = "acc-2",
            },
        ],
        StartedBy = "opd-admin",
        BrowserBindingHash = "hash",
        CreatedAt = At,
        ExpiresAt = At.AddMinutes(10),
        UpdatedAt = At.AddMinutes(1),
    };
}
