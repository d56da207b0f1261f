using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// On first start with an empty user list, <c>BROKER_ADMIN_TOKEN</c> (environment variable or configuration key)
/// becomes the token of a first editor, who then creates everyone else through <c>POST /api/users</c>.
/// </summary>
internal sealed partial class FirstEditor(
    IConfiguration configuration,
    IUserStore users,
    Auditor audit,
    IOptions<AccessOptions> options,
    TimeProvider time,
    ILogger<FirstEditor> logger) : IHostedService
{
    public const string Variable = "BROKER_ADMIN_TOKEN";

    public const int MinimumLength = 24;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        var token = configuration[Variable];
        if (string.IsNullOrWhiteSpace(token))
        {
            LogNoUsers(logger, Variable);
            return;
        }

        if (token.Trim().Length < MinimumLength)
        {
            throw new InvalidOperationException($"{Variable} must be at least {MinimumLength} characters long (for example: openssl rand -hex 32).");
        }

        var now = time.GetUtcNow();
        var editor = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = "admin",
            Role = UserRole.Editor,
            TokenHash = AccessTokens.Hash(token.Trim()),
            TokenExpiresAt = now + options.Value.TokenLifetime,
            CreatedBy = Auditor.System,
            CreatedAt = now,
        };
        await users.AddAsync(editor, cancellationToken);
        await audit.RecordAsync(Auditor.System, "user.created", "user", editor.Id, $"first editor from {Variable}", cancellationToken);
        LogCreated(logger, Variable);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "No users yet and {Variable} is not set: nobody can sign in. Set it and restart to create the first editor.")]
    private static partial void LogNoUsers(ILogger logger, string variable);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Created the first editor ('admin') from {Variable}.")]
    private static partial void LogCreated(ILogger logger, string variable);
}
