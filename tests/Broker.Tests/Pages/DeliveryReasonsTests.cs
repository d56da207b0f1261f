using System.Globalization;
using Broker.Dispatch;
using Broker.Pages;

namespace Broker.Tests.Pages;

/// <summary>
/// A delivery's reason is worded from the code stored with it, in the page's language; a delivery stored before codes,
/// or whose code a later change left behind, is explained from its English words as before.
/// </summary>
public sealed class DeliveryReasonsTests
{
    [Fact]
    public void A_coded_reason_is_worded_from_its_code_in_indonesian_and_english_and_keeps_the_platforms_words()
    {
        var delivery = Delivery(DeliveryStatus.Failed, DeliveryReasonCodes.GaveUp, "Server error (HTTP 500) (gave up after 3 attempts)");

        var indonesian = InCulture("id", () => DeliveryReasons.Explain(delivery));
        var english = InCulture("en", () => DeliveryReasons.Explain(delivery));

        Assert.Equal((DeliveryReasons.Kind.GaveUp, "Platform tetap tidak menerima posting ini setelah 3 kali dicoba."), (indonesian.Kind, indonesian.What));
        Assert.Equal("The platform kept refusing this post after 3 attempts.", english.What);
        Assert.Equal(delivery.Error, indonesian.Raw);
    }

    [Fact]
    public void A_stale_hold_says_whether_the_broker_was_down_or_publishing_was_suspended()
    {
        var down = InCulture("id", () => DeliveryReasons.Explain(Delivery(DeliveryStatus.Held, DeliveryReasonCodes.StaleWhileDown, "Stale: ...")));
        var suspended = InCulture("id", () => DeliveryReasons.Explain(Delivery(DeliveryStatus.Held, DeliveryReasonCodes.StaleWhileSuspended, "Stale: ...")));

        Assert.Equal((DeliveryReasons.Kind.Stale, DeliveryReasons.Kind.Stale), (down.Kind, suspended.Kind));
        Assert.Contains("broker mati", down.What, StringComparison.Ordinal);
        Assert.Contains("penerbitan dihentikan", suspended.What, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancellation_by_the_broker_is_explained_as_such_rather_than_as_the_platforms_refusal()
    {
        var why = InCulture("id", () => DeliveryReasons.Explain(
            Delivery(DeliveryStatus.Cancelled, DeliveryReasonCodes.EditedAfterApproval, "The item was edited after approval and went back to review.")));

        Assert.Equal(DeliveryReasons.Kind.Cancelled, why.Kind);
        Assert.Equal("Dibatalkan: kontennya disunting setelah disetujui dan kembali ke peninjauan.", why.What);
    }

    [Fact]
    public void A_delivery_stored_without_a_code_or_with_a_code_its_status_contradicts_is_explained_from_its_english_words()
    {
        var old = Delivery(DeliveryStatus.Held, null, "Account needs re-authorisation: Session has expired");
        var leftBehind = Delivery(DeliveryStatus.Failed, DeliveryReasonCodes.Reauthorization, "Bad request (gave up after 5 attempts)");
        var unknown = Delivery(DeliveryStatus.Failed, "deliveryReason.fromTheFuture", "Refused.");

        var (oldWhy, leftWhy, unknownWhy) = InCulture("id", () => (DeliveryReasons.Explain(old), DeliveryReasons.Explain(leftBehind), DeliveryReasons.Explain(unknown)));

        Assert.Equal((DeliveryReasons.Kind.Reauthorization, Text.Reason_ReauthWhat), (oldWhy.Kind, oldWhy.What));
        Assert.Equal(DeliveryReasons.Kind.GaveUp, leftWhy.Kind);
        Assert.Equal(DeliveryReasons.Kind.Refused, unknownWhy.Kind);
    }

    [Fact]
    public void A_reports_group_of_deliveries_is_worded_by_its_code_without_any_one_deliverys_count()
    {
        var (gaveUp, stale, none, unknown) = InCulture("id", () => (
            DeliveryReasons.What(DeliveryReasonCodes.GaveUp), DeliveryReasons.What(DeliveryReasonCodes.StaleWhileDown), DeliveryReasons.What(null), DeliveryReasons.What("x.y")));

        Assert.Equal("Platform tetap tidak menerima posting ini setelah beberapa kali dicoba.", gaveUp);
        Assert.Equal("Waktunya terlewat saat broker mati, dan sudah terlalu lama.", stale);
        Assert.Equal((null, null), (none, unknown));
    }

    [Theory]
    [InlineData(DeliveryStatus.ManualRemovalNeeded, DeliveryReasonCodes.RemovalRefused, DeliveryReasons.Kind.ManualRemoval)]
    [InlineData(DeliveryStatus.ManualRemovalNeeded, DeliveryReasonCodes.RemovalGaveUp, DeliveryReasons.Kind.ManualRemoval)]
    [InlineData(DeliveryStatus.ManualRemovalNeeded, DeliveryReasonCodes.AccountRefused, DeliveryReasons.Kind.ManualRemoval)]
    [InlineData(DeliveryStatus.Removing, DeliveryReasonCodes.RemovalRetrying, DeliveryReasons.Kind.Retrying)]
    [InlineData(DeliveryStatus.Removing, DeliveryReasonCodes.RemovalReauthorization, DeliveryReasons.Kind.Reauthorization)]
    [InlineData(DeliveryStatus.Removed, DeliveryReasonCodes.AlreadyGone, DeliveryReasons.Kind.Gone)]
    [InlineData(DeliveryStatus.Cancelled, DeliveryReasonCodes.Retracted, DeliveryReasons.Kind.Cancelled)]
    [InlineData(DeliveryStatus.Editing, DeliveryReasonCodes.EditRetrying, DeliveryReasons.Kind.Retrying)]
    [InlineData(DeliveryStatus.Published, DeliveryReasonCodes.EditRefused, DeliveryReasons.Kind.NotEdited)]
    [InlineData(DeliveryStatus.Published, DeliveryReasonCodes.AccountRefused, DeliveryReasons.Kind.NotEdited)]
    public void A_removal_or_edit_in_place_failure_is_worded_from_its_code_in_both_languages(DeliveryStatus status, string code, DeliveryReasons.Kind kind)
    {
        var delivery = Delivery(status, code, "The platform's own words.");

        var (indonesian, english) = (InCulture("id", () => DeliveryReasons.Explain(delivery)), InCulture("en", () => DeliveryReasons.Explain(delivery)));

        Assert.Equal((kind, kind), (indonesian.Kind, english.Kind));
        Assert.NotEqual(indonesian.What, english.What);
        Assert.Equal(InCulture("id", () => Text.ResourceManager.GetString(MessageText.ResourceName(code), CultureInfo.CurrentUICulture)), indonesian.What);
        Assert.Equal("The platform's own words.", indonesian.Raw);
    }

    private static Delivery Delivery(DeliveryStatus status, string? code, string error)
    {
        var delivery = new Delivery { Id = "d1", ItemId = "i1", AccountId = "a1", Platform = "facebook", Text = "Halo", Status = status, Attempts = 3 };
        delivery.Explain(code, error);
        return delivery;
    }

    private static T InCulture<T>(string name, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
