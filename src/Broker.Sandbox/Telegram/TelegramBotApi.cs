using System.Text.Json;
using System.Text.Json.Nodes;

namespace Broker.Sandbox.Telegram;

/// <summary>
/// The Bot API as <c>https://api.telegram.org</c> answers it: <c>POST /bot{token}/getMe</c> and <c>/sendMessage</c>
/// (JSON or form parameters), <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error_code":…,"description":…}</c> with
/// 401 for a token it does not know, 400 "chat not found", and 429 with <c>parameters.retry_after</c>. The control API
/// tells what it received (<c>GET /_sandbox/telegram/messages</c>) and sets up refusals.
/// </summary>
internal static class TelegramBotApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapTelegramApi(this IEndpointRouteBuilder routes)
    {
        // "/bot{token}/…" as one complex segment does not match a token with its colon: the whole segment is taken.
        routes.MapPost("/{bot}/getMe", (string bot, TelegramBot telegram) =>
            !IsToken(bot, telegram) ? Error(401, "Unauthorized") : Ok(Me(telegram)));
        routes.MapPost("/{bot}/sendMessage", SendMessageAsync);

        var control = routes.MapGroup("/_sandbox/telegram");
        control.MapGet("/messages", (TelegramBot bot, string? chatId) => Results.Json(bot.Messages(chatId), Json));
        control.MapPost("/throttle", (TelegramBot bot, int times, int retryAfter) =>
        {
            bot.Throttle(times, retryAfter);
            return Results.NoContent();
        });
        control.MapPost("/unknown-chats/{chatId}", (TelegramBot bot, string chatId) =>
        {
            bot.ForgetChat(chatId);
            return Results.NoContent();
        });
        control.MapPost("/reset", (TelegramBot bot) =>
        {
            bot.Reset();
            return Results.NoContent();
        });
        return routes;
    }

    private static bool IsToken(string segment, TelegramBot bot) => segment == "bot" + bot.Token;

    private static async Task<IResult> SendMessageAsync(string bot, HttpContext http, TelegramBot telegram, SandboxOptions options)
    {
        if (!IsToken(bot, telegram))
        {
            return Error(401, "Unauthorized");
        }

        var parameters = await ReadParametersAsync(http.Request);
        var chatId = parameters.GetValueOrDefault("chat_id");
        var text = parameters.GetValueOrDefault("text");
        if (string.IsNullOrEmpty(chatId))
        {
            return Error(400, "Bad Request: chat_id is empty");
        }

        if (string.IsNullOrEmpty(text))
        {
            return Error(400, "Bad Request: message text is empty");
        }

        if (text.Length > 4096)
        {
            return Error(400, "Bad Request: message is too long");
        }

        var now = options.TimeProvider.GetUtcNow();
        var (sent, retryAfter, unknownChat) = telegram.Receive(chatId, text, now);
        if (retryAfter > 0)
        {
            return Error(429, $"Too Many Requests: retry after {retryAfter}", new JsonObject { ["retry_after"] = retryAfter });
        }

        if (unknownChat || sent is null)
        {
            return Error(400, "Bad Request: chat not found");
        }

        return Ok(new JsonObject
        {
            ["message_id"] = sent.MessageId,
            ["from"] = Me(telegram),
            ["chat"] = new JsonObject { ["id"] = long.Parse(chatId, System.Globalization.CultureInfo.InvariantCulture), ["type"] = chatId.StartsWith('-') ? "group" : "private" },
            ["date"] = now.ToUnixTimeSeconds(),
            ["text"] = text,
        });
    }

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpRequest request)
    {
        var parameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var field in await request.ReadFormAsync())
            {
                parameters[field.Key] = field.Value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            && await JsonNode.ParseAsync(request.Body) is JsonObject body)
        {
            foreach (var (key, value) in body)
            {
                parameters[key] = value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
            }
        }

        return parameters;
    }

    private static JsonObject Me(TelegramBot bot) =>
        new() { ["id"] = bot.BotId, ["is_bot"] = true, ["first_name"] = "Broker (Sandbox)", ["username"] = "broker_sandbox_bot" };

    private static IResult Ok(JsonNode result) => Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });

    private static IResult Error(int code, string description, JsonObject? parameters = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return Results.Json(body, statusCode: code);
    }
}
