using System.Text.Json.Serialization;
using Broker.Access;
using Broker.Accounts;
using Broker.Accounts.Connect;
using Broker.Amplification;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Events;
using Broker.Feeds;
using Broker.Intake;
using Broker.Notifications;
using Broker.Webhooks;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// How the PostgreSQL stores turn entities into their <c>doc</c> column and back: generated at build time (no reflection
/// at run time), enums by name so a reordered enum cannot change what a stored value means, dates with their offset.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(ItemRevision))]
[JsonSerializable(typeof(Delivery))]
[JsonSerializable(typeof(AmplificationRequest))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Opd))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(AccountConnection))]
[JsonSerializable(typeof(FeedSubscription))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(NotificationPreferences))]
[JsonSerializable(typeof(DomainEvent))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(Guardrails.Suspension))]
[JsonSerializable(typeof(Guardrails.ElectionPeriod))]
[JsonSerializable(typeof(Engagement.MetricsRead))]
[JsonSerializable(typeof(Engagement.NativePost))]
[JsonSerializable(typeof(Engagement.AccountEngagement))]
internal sealed partial class PgJsonContext : JsonSerializerContext;
