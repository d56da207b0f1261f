using System.Net;
using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Feeds;

/// <summary>Checks and stores subscriptions (the API and the page share this); the feed is first read by the next sweep.</summary>
public sealed class FeedSubscriptions(
    IFeedSubscriptionStore store, IOpdStore opds, IAccountStore accounts, AddressPolicy addresses, Auditor audit, TimeProvider time, IOptions<FeedsOptions> options)
{
    public const int MaxAccounts = 50;
    public const int MaxName = 200;

    public async Task<FieldErrors> ValidateAsync(FeedSubscriptionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("opd", request.Opd, 32);
        if (request.Opd is { Length: > 0 } code && await opds.GetAsync(code, cancellationToken) is null)
        {
            errors.Add("opd", MessageCodes.UnknownOpd, $"There is no OPD '{code}'.", ("opd", code));
        }

        errors.Text("url", request.Url, HttpUrls.MaxLength);
        errors.Text("name", request.Name, MaxName, required: false);
        if (request.Url is { Length: > 0 } url)
        {
            if (HttpUrls.WhyRefused(url, httpsOnly: options.Value.RequireHttps) is { } why)
            {
                errors.Add("url", MessageCodes.FieldUrl, "url " + why, ("field", "url"));
            }
            else if (IPAddress.TryParse(new Uri(url).Host.Trim('[', ']'), out var address) && !addresses.Allows(address))
            {
                errors.Add("url", MessageCodes.FeedPrivateAddress, $"url names {address}, a private, loopback or link-local address the broker does not fetch from.", ("address", address.ToString()));
            }
        }

        var ids = request.AccountIds ?? [];
        if (ids.Count is 0 or > MaxAccounts)
        {
            errors.Add("accountIds", MessageCodes.FieldAccountCount, $"accountIds needs between 1 and {MaxAccounts} accounts.", ("max", MaxAccounts));
        }

        foreach (var id in ids.Distinct())
        {
            var account = await accounts.GetAsync(id, cancellationToken);
            if (account is null)
            {
                errors.Add("accountIds", MessageCodes.UnknownAccount, $"There is no account '{id}'.", ("account", id));
            }
            else if (caller.Role == UserRole.OpdAdmin && account.Opd != caller.Opd)
            {
                errors.Add("accountIds", MessageCodes.NotYourAccount, $"Account '{id}' is not one of your OPD's accounts.", ("account", account.Name));
            }
        }

        if (ids.Count != ids.Distinct().Count())
        {
            errors.Add("accountIds", MessageCodes.FieldDuplicate, "An account appears more than once.");
        }

        return errors;
    }

    /// <summary>Stores a checked subscription; null when the OPD already subscribes to that URL.</summary>
    public async Task<FeedSubscription?> SubscribeAsync(FeedSubscriptionRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var url = request.Url!.Trim();
        var key = FeedSubscription.KeyOf(request.Opd!, url);
        if ((await store.ListAsync(request.Opd, cancellationToken)).Any(s => s.Key == key))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var subscription = new FeedSubscription
        {
            Id = Guid.NewGuid().ToString("N"),
            Key = key,
            Opd = request.Opd!,
            Url = url,
            Name = string.IsNullOrWhiteSpace(request.Name) ? new Uri(url).Host : request.Name.Trim(),
            AccountIds = [.. request.AccountIds!],
            CreatedBy = caller.Id,
            CreatedAt = now,
            NextPollAt = now,
        };
        await store.AddAsync(subscription, cancellationToken);
        await audit.RecordAsync(caller.Id, "feed.subscribed", "feed", subscription.Id, url, cancellationToken);
        return subscription;
    }

    public async Task<bool> UnsubscribeAsync(FeedSubscription subscription, string actor, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(subscription.Id, subscription.Version, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(actor, "feed.unsubscribed", "feed", subscription.Id, subscription.Url, cancellationToken);
        return true;
    }
}
