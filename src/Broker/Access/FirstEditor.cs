using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// On first start with an empty user list, <c>BROKER_ADMIN_TOKEN</c> (environment variable or configuration key)
/// becomes the token of a first editor, who then creates everyone else through <c>POST /api/users</c>. Without it, a
/// random token is written to <c>first-editor-token</c> beside the database (owner-only permissions), never to the log.
/// </summary>
internal sealed partial class FirstEditor(
    IConfiguration configuration,
    IUserStore users,
    Auditor audit,
    IOptions<AccessOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<FirstEditor> logger) : IHostedService
{
    public const string Variable = "BROKER_ADMIN_TOKEN";

    public const int MinimumLength = 24;

    public const string TokenFileName = "first-editor-token";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        var token = configuration[Variable];
        if (string.IsNullOrWhiteSpace(token))
        {
            token = AccessTokens.Create();
            var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath))!, TokenFileName);
            await File.WriteAllTextAsync(file, token + Environment.NewLine, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            LogTokenFile(logger, Variable, file);
        }
        else if (token.Trim().Length < MinimumLength)
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
        try
        {
            await users.AddAsync(editor, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            // Several nodes started on one empty database with the same BROKER_ADMIN_TOKEN: another made the editor.
            return;
        }

        await audit.RecordAsync(Auditor.System, "user.created", "user", editor.Id, "first editor", cancellationToken);
        LogCreated(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "No users yet and {Variable} is not set: the first editor's token is in {File} (read it, then delete the file).")]
    private static partial void LogTokenFile(ILogger logger, string variable, string file);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Created the first editor ('admin').")]
    private static partial void LogCreated(ILogger logger);
}
