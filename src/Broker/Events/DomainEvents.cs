using System.Globalization;
using Broker.Accounts;
using Broker.Amplification;
using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Events;

/// <summary>
/// The events as the broker raises them: one maker per kind of object, so every event of a kind carries the same
/// <see cref="DomainEvent.Data"/> keys (README's events table lists them). Values left null are not sent.
/// </summary>
internal static class DomainEvents
{
    /// <summary>A time as events carry it: ISO 8601 with its offset.</summary>
    public static string? At(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);

    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    public static DomainEvent Item(string type, Item item, DateTimeOffset at, string? actor, params (string Key, string? Value)[] data) =>
        Make(type, "item", item.Id, at, item.Opd, actor, [("title", item.Title), ("status", Naming.Camel(item.Status)), ("submittedBy", item.SubmittedBy), .. data]);

    public static DomainEvent Delivery(string type, Delivery delivery, DateTimeOffset at, params (string Key, string? Value)[] data) =>
        Make(type, "delivery", delivery.Id, at, null, null, [
            ("itemId", delivery.ItemId),
            ("accountId", delivery.AccountId),
            ("channel", delivery.Platform),
            ("status", Naming.Camel(delivery.Status)),
            ("reason", delivery.Error),
            ("permalink", delivery.Permalink),
            .. data]);

    public static DomainEvent Account(string type, Account account, DateTimeOffset at, params (string Key, string? Value)[] data) =>
        Make(type, "account", account.Id, at, account.Opd, null, [("accountId", account.Id), ("name", account.Name), ("channel", account.Platform), .. data]);

    public static DomainEvent Request(string type, AmplificationRequest request, DateTimeOffset at, string? actor, params (string Key, string? Value)[] data) =>
        Make(type, "amplification", request.Id, at, request.Opd, actor, [
            ("status", Naming.Camel(request.Status)),
            ("itemId", request.ItemId),
            ("url", request.Url),
            ("requestedBy", request.RequestedBy),
            .. data]);

    private static DomainEvent Make(string type, string objectType, string objectId, DateTimeOffset at, string? opd, string? actor, (string Key, string? Value)[] data) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = type,
        ObjectType = objectType,
        ObjectId = objectId,
        OccurredAt = at,
        Opd = opd,
        Actor = actor,
        Data = Values(data),
    };

    // A later pair overrides an earlier one of the same key: the caller's data over the defaults.
    private static Dictionary<string, string> Values((string Key, string? Value)[] data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        return values;
    }
}
