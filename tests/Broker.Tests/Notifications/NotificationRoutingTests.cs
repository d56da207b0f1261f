using Broker.Access;
using Broker.Events;
using Broker.Notifications;

namespace Broker.Tests.Notifications;

/// <summary>The routing table: each event type against every role, as a pure function (no host).</summary>
public sealed class NotificationRoutingTests
{
    private static readonly User[] Users =
    [
        User("editor-1", UserRole.Editor),
        User("editor-2", UserRole.Editor),
        User("editor-revoked", UserRole.Editor, revoked: true),
        User("reporter", UserRole.Reporter),
        User("dinkes-admin-1", UserRole.OpdAdmin, "dinkes"),
        User("dinkes-admin-2", UserRole.OpdAdmin, "dinkes"),
        User("disdik-admin", UserRole.OpdAdmin, "disdik"),
        User("dinkes-asn", UserRole.Asn, "dinkes"),
        User("disdik-asn", UserRole.Asn, "disdik"),
    ];

    private static readonly EventFacts CentralItem = new("diskominfo", "reporter", OpdReviewsOwn: false, ShareOpds: []);
    private static readonly EventFacts DinkesOwnItem = new("dinkes", "dinkes-admin-1", OpdReviewsOwn: true, ShareOpds: []);
    private static readonly EventFacts DinkesAccount = new("dinkes", "reporter", OpdReviewsOwn: false, ShareOpds: []);

    public static TheoryData<string, string, string?, string[]> Table => new()
    {
        { EventTypes.ItemSubmitted, "central item", "reporter", ["editor-1", "editor-2"] },
        { EventTypes.ItemSubmitted, "OPD's own item", "dinkes-admin-1", ["dinkes-admin-2", "editor-1", "editor-2"] },
        { EventTypes.AmplificationRequested, "OPD's own item", "dinkes-admin-1", ["editor-1", "editor-2"] },
        { EventTypes.ItemSentBack, "central item", "editor-1", ["reporter"] },
        { EventTypes.ItemApproved, "OPD's own item", "dinkes-admin-2", ["dinkes-admin-1"] },
        { EventTypes.ItemRejected, "central item", "editor-2", ["reporter"] },
        { EventTypes.AmplificationDecided, "OPD's own item", "editor-1", ["dinkes-admin-1"] },
        { EventTypes.DeliveryFailed, "OPD account", null, ["dinkes-admin-1", "dinkes-admin-2", "editor-1", "editor-2"] },
        { EventTypes.DeliveryHeld, "OPD account", null, ["dinkes-admin-1", "dinkes-admin-2", "editor-1", "editor-2"] },
        { EventTypes.AccountNeedsReauthorization, "OPD account", null, ["dinkes-admin-1", "dinkes-admin-2", "editor-1", "editor-2"] },
        { EventTypes.AccountCircuitOpened, "central item", null, ["editor-1", "editor-2"] },
        { EventTypes.ItemDeadlineApproaching, "central item", null, ["editor-1", "editor-2", "reporter"] },
        { EventTypes.ItemOpenedForSharing, "central item", "editor-1", ["dinkes-asn", "disdik-asn"] },
        { EventTypes.ItemOpenedForSharing, "shared with dinkes", "editor-1", ["dinkes-asn"] },
        { EventTypes.WebhookDisabled, "central item", null, ["editor-1", "editor-2"] },
        { EventTypes.ItemPublished, "central item", null, [] },
        { EventTypes.DeliveryPublished, "OPD account", null, [] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_event_reaches_exactly_the_people_whose_work_it_is(string type, string facts, string? actor, string[] expected)
    {
        var domainEvent = new DomainEvent { Id = "evt-1", Type = type, ObjectType = "item", ObjectId = "item-1", Actor = actor };

        var recipients = NotificationRouter.Route(domainEvent, Facts(facts), Users);

        Assert.Equal(expected, recipients);
    }

    [Fact]
    public void Every_routed_event_type_has_a_kind_a_person_chooses_a_channel_for()
    {
        foreach (var type in Table.Select(row => (string)row[0]).Where(t => t is not EventTypes.ItemPublished and not EventTypes.DeliveryPublished))
        {
            Assert.NotNull(NotificationKinds.Of(type));
        }
    }

    private static EventFacts Facts(string name) => name switch
    {
        "central item" => CentralItem,
        "OPD's own item" => DinkesOwnItem,
        "OPD account" => DinkesAccount,
        "shared with dinkes" => CentralItem with { ShareOpds = ["dinkes"] },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static User User(string id, UserRole role, string? opd = null, bool revoked = false) => new()
    {
        Id = id,
        Name = id,
        Role = role,
        Opd = opd,
        TokenHash = "hash-" + id,
        CreatedBy = "test",
        RevokedAt = revoked ? DateTimeOffset.UnixEpoch : null,
    };
}
