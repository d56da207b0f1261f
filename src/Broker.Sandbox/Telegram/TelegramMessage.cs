namespace Broker.Sandbox.Telegram;

/// <summary>A message the sandbox's bot was asked to send.</summary>
public sealed record TelegramMessage(long MessageId, string ChatId, string Text, DateTimeOffset At);
