namespace Broker.Sandbox.Faults;

public static class FaultKinds
{
    public const string Http500 = "http500";
    public const string Http503 = "http503";
    public const string Transient = "transient";
    public const string RateLimit = "rateLimit";
    public const string TokenExpired = "tokenExpired";
    public const string TimeoutAfterStore = "timeoutAfterStore";
    public const string DropAfterStore = "dropAfterStore";
    public const string Drop = "drop";
    public const string ContainerInProgress = "containerInProgress";
    public const string ContainerError = "containerError";
    public const string Permanent = "permanent";
    public const string Duplicate = "duplicate";

    /// <summary>The post is created as usual, but the platform reports <see cref="SandboxFault.Permalink"/> as its permalink.</summary>
    public const string Permalink = "permalink";

    /// <summary>The token lacks a permission: Graph error code 10 (HTTP 403), X 403 Forbidden.</summary>
    public const string Permission = "permission";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Http500, Http503, Transient, RateLimit, TokenExpired, TimeoutAfterStore, DropAfterStore, Drop,
        ContainerInProgress, ContainerError, Permanent, Duplicate, Permalink, Permission,
    };

    /// <summary>Faults that shape the container being created instead of the answer.</summary>
    public static bool AffectsContainer(string kind) =>
        kind.Equals(ContainerInProgress, StringComparison.OrdinalIgnoreCase) || kind.Equals(ContainerError, StringComparison.OrdinalIgnoreCase);

    /// <summary>Faults that shape the post being stored (and so the answer about it) instead of replacing the answer.</summary>
    public static bool ShapesPost(string kind) => AffectsContainer(kind) || kind.Equals(Permalink, StringComparison.OrdinalIgnoreCase);

    /// <summary>Faults applied after the operation ran (the post is stored).</summary>
    public static bool AfterStore(string kind) =>
        kind.Equals(TimeoutAfterStore, StringComparison.OrdinalIgnoreCase) || kind.Equals(DropAfterStore, StringComparison.OrdinalIgnoreCase);

    public static bool Is(this SandboxFault fault, string kind) => fault.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase);
}
