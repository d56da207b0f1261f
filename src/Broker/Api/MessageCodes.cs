using System.Reflection;
using Broker.Adapters;

namespace Broker.Api;

/// <summary>
/// The stable codes of the messages a person reads beside a field or in a refusal (<see cref="UserMessage"/>), each
/// worded by a <c>Message_{code}</c> resource in Indonesian and English. API answers carry them beside the English:
/// <c>errorCodes</c> per field of a validation problem, <c>reason</c> on a state conflict. The platforms' limits use
/// the adapters' <see cref="PostProblemCodes"/>. A code, once published, keeps its meaning.
/// </summary>
public static class MessageCodes
{
    public const string FieldRequired = "field.required";
    public const string FieldTooLong = "field.tooLong";
    public const string FieldUrl = "field.url";
    public const string FieldTooFew = "field.tooFew";
    public const string FieldTooMany = "field.tooMany";
    public const string UnknownOpd = "field.unknownOpd";
    public const string NotYourAccount = "field.notYourAccount";
    public const string UnknownAccount = "field.unknownAccount";
    public const string FieldDuplicate = "field.duplicate";
    public const string FieldAccountCount = "field.accountCount";

    public const string UserOpdRequired = "user.opdRequired";
    public const string UserNipRequired = "user.nipRequired";
    public const string UserNipFormat = "user.nipFormat";
    public const string UserNoAsn = "user.noAsn";
    public const string UserOpdNotAllowed = "user.opdNotAllowed";
    public const string UserNipNotAllowed = "user.nipNotAllowed";
    public const string UserRoleRequired = "user.roleRequired";
    public const string UserUnknownRole = "user.unknownRole";
    public const string UserExpiry = "user.expiry";
    public const string OpdCodeFormat = "opd.codeFormat";
    public const string FeedPrivateAddress = "feed.privateAddress";
    public const string AmplificationItemOrUrl = "amplification.itemOrUrl";
    public const string AmplificationNoItem = "amplification.noItem";
    public const string AmplificationCentralAccounts = "amplification.centralAccounts";
    public const string AmplificationNotCentral = "amplification.notCentral";
    public const string WebhookEventType = "webhook.eventType";

    public const string ItemNotSubmitted = "item.notSubmitted";
    public const string ItemCannotMove = "item.cannotMove";
    public const string ItemChangedMeanwhile = "item.changedMeanwhile";
    public const string ItemCannotEdit = "item.cannotEdit";
    public const string ItemEditStale = "item.editStale";
    public const string ItemPublishingBegun = "item.publishingBegun";
    public const string ItemBusy = "item.busy";
    public const string ItemNotShareable = "item.notShareable";
    public const string ItemNotRetractable = "item.notRetractable";
    public const string ItemNotPublished = "item.notPublished";
    public const string ItemNotEditableInPlace = "item.notEditableInPlace";

    public const string CorrectionAlready = "correction.already";
    public const string CorrectionNotCorrectable = "correction.notCorrectable";

    public const string AccountUnknownPlatform = "account.unknownPlatform";
    public const string AccountExternalId = "account.externalId";
    public const string AccountCredentials = "account.credentials";
    public const string AccountApiBaseUrl = "account.apiBaseUrl";
    public const string AccountApiBaseUrlEditorsOnly = "account.apiBaseUrlEditorsOnly";

    public const string ReviewEditorsOnly = "review.editorsOnly";
    public const string ReviewOwnItem = "review.ownItem";
    public const string ReviewOutsideOpd = "review.outsideOpd";
    public const string ReviewTwoPerson = "review.twoPerson";
    public const string ReviewElectionOverride = "review.electionOverride";

    public const string DeliveryCannotRetry = "delivery.cannotRetry";
    public const string DeliveryRetryPending = "delivery.retryPending";
    public const string DeliveryCannotCancel = "delivery.cannotCancel";
    public const string DeliveryChangedMeanwhile = "delivery.changedMeanwhile";
    public const string DeliveryNotAwaitingRemoval = "delivery.notAwaitingRemoval";
    public const string RetractionReason = "retraction.reason";

    public const string DeliveryReasonReauthorization = "deliveryReason.reauthorization";
    public const string DeliveryReasonStaleWhileDown = "deliveryReason.staleWhileDown";
    public const string DeliveryReasonStaleWhileSuspended = "deliveryReason.staleWhileSuspended";
    public const string DeliveryReasonGaveUp = "deliveryReason.gaveUp";
    public const string DeliveryReasonCircuitGaveUp = "deliveryReason.circuitGaveUp";
    public const string DeliveryReasonRefused = "deliveryReason.refused";
    public const string DeliveryReasonRetrying = "deliveryReason.retrying";
    public const string DeliveryReasonRateLimited = "deliveryReason.rateLimited";
    public const string DeliveryReasonCircuitOpen = "deliveryReason.circuitOpen";
    public const string DeliveryReasonOutcomeUnknown = "deliveryReason.outcomeUnknown";
    public const string DeliveryReasonNotApproved = "deliveryReason.notApproved";
    public const string DeliveryReasonEditedAfterApproval = "deliveryReason.editedAfterApproval";
    public const string DeliveryReasonRetracted = "deliveryReason.retracted";
    public const string DeliveryReasonRemovalNoPostId = "deliveryReason.removalNoPostId";
    public const string DeliveryReasonRemovalCheckByHand = "deliveryReason.removalCheckByHand";
    public const string DeliveryReasonRemovalUnsupported = "deliveryReason.removalUnsupported";
    public const string DeliveryReasonRemovalRefused = "deliveryReason.removalRefused";
    public const string DeliveryReasonRemovalRetrying = "deliveryReason.removalRetrying";
    public const string DeliveryReasonRemovalReauthorization = "deliveryReason.removalReauthorization";
    public const string DeliveryReasonRemovalGaveUp = "deliveryReason.removalGaveUp";
    public const string DeliveryReasonAlreadyGone = "deliveryReason.alreadyGone";
    public const string DeliveryReasonAccountRefused = "deliveryReason.accountRefused";
    public const string DeliveryReasonEditRetrying = "deliveryReason.editRetrying";
    public const string DeliveryReasonEditReauthorization = "deliveryReason.editReauthorization";
    public const string DeliveryReasonEditUnsupported = "deliveryReason.editUnsupported";
    public const string DeliveryReasonEditRefused = "deliveryReason.editRefused";
    public const string DeliveryReasonEditGaveUp = "deliveryReason.editGaveUp";

    public const string AmplificationDecided = "amplification.decided";
    public const string AmplificationDecidedMeanwhile = "amplification.decidedMeanwhile";

    public const string SuspensionNotActive = "suspension.notActive";
    public const string SuspensionActive = "suspension.active";
    public const string SuspensionChangedMeanwhile = "suspension.changedMeanwhile";
    public const string ElectionPeriodChangedMeanwhile = "election.changedMeanwhile";
    public const string WebhookChangedMeanwhile = "webhook.changedMeanwhile";
    public const string WebhookMessagePending = "webhook.messagePending";
    public const string WebhookMessageChangedMeanwhile = "webhook.messageChangedMeanwhile";

    public const string AsnNip = "asn.nip";
    public const string AsnName = "asn.name";
    public const string AsnOpd = "asn.opd";
    public const string AsnPhone = "asn.phone";
    public const string AsnEmail = "asn.email";
    public const string AsnHeader = "asn.header";
    public const string AsnTooManyRows = "asn.tooManyRows";
    public const string AsnFieldCount = "asn.fieldCount";
    public const string AsnDuplicateInFile = "asn.duplicateInFile";
    public const string AsnDuplicateInDirectory = "asn.duplicateInDirectory";

    public const string ReportPeriodOrder = "report.periodOrder";
    public const string ReportPeriodTooLong = "report.periodTooLong";
    public const string ReportUnknownFormat = "report.unknownFormat";
    public const string ReportUnknownTable = "report.unknownTable";
    public const string FieldDateFormat = "field.dateFormat";
    public const string FieldDateRange = "field.dateRange";

    public const string NotificationEmail = "notification.email";
    public const string NotificationTelegramChatId = "notification.telegramChatId";
    public const string NotificationKind = "notification.kind";
    public const string NotificationChannel = "notification.channel";
    public const string NotificationEmailMissing = "notification.emailMissing";
    public const string NotificationTelegramMissing = "notification.telegramMissing";
    public const string NotificationQuietTime = "notification.quietTime";
    public const string NotificationQuietBoth = "notification.quietBoth";

    public const string AccountGone = "post.accountGone";
    public const string NoAdapter = "post.noAdapter";
    public const string NoTemplate = "post.noTemplate";

    /// <summary>Every code a page words: the constants above and the adapters' <see cref="PostProblemCodes"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Constants(typeof(MessageCodes)), .. Constants(typeof(PostProblemCodes))];

    private static IEnumerable<string> Constants(Type type) => type
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!);
}
