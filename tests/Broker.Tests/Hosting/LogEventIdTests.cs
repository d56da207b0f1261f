using System.Reflection;
using Broker.Hosting;
using Microsoft.Extensions.Logging;

namespace Broker.Tests.Hosting;

/// <summary>The numbering scheme of docs/logging.md: one id, one message.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void No_two_log_messages_of_the_broker_share_an_event_id()
    {
        var messages = typeof(BrokerApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method.DeclaringType!.FullName + "." + m.Method.Name))}")
            .ToList();

        Assert.True(messages.Count > 50, $"only {messages.Count} log messages found: is the attribute still read this way?");
        Assert.Empty(shared);
    }

    [Fact]
    public void Every_log_message_of_the_broker_has_an_event_id_in_a_features_range()
    {
        var outside = typeof(BrokerApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is { EventId: < 1000 or > 9999 })
            .Select(m => m.DeclaringType!.FullName + "." + m.Name);

        Assert.Empty(outside);
    }
}
