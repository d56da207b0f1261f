namespace Broker.Sandbox.Faults;

/// <summary>A fault to inject; also the JSON body of <c>POST /_sandbox/faults</c>.</summary>
/// <param name="Platform">"facebook", "instagram", "x", "wordpress" or "*".</param>
/// <param name="Endpoint">feed, photos, post, media, media_publish, container_status, content_publishing_limit, tweets, media_upload, posts (WordPress), post_lookup, post_delete, ... or "*".</param>
/// <param name="Kind">One of <see cref="FaultKinds"/>.</param>
/// <param name="Times">How many matching requests it affects.</param>
/// <param name="DelayMs">timeoutAfterStore: how long the answer is held back.</param>
/// <param name="Polls">containerInProgress: how many status polls stay IN_PROGRESS.</param>
/// <param name="Status">containerError: the subcode reported in the container's <c>status</c>.</param>
/// <param name="Minutes">rateLimit (Facebook): estimated_time_to_regain_access.</param>
/// <param name="ResetSeconds">rateLimit (X): seconds until x-rate-limit-reset.</param>
/// <param name="Code">Overrides the Graph error code (e.g. 1, 4, 17, 80001, 200, 368).</param>
/// <param name="Subcode">Overrides the Graph error_subcode.</param>
/// <param name="Message">Overrides the error message.</param>
/// <param name="Account">
/// Limits the fault to one account, by the platform's id of it: the Page id, the Instagram user id or the X user id.
/// Null or "*" affects every account.
/// </param>
/// <param name="Permalink">permalink: the permalink the platform reports for the post (any text, even a hostile one).</param>
public sealed record SandboxFault(
    string Platform,
    string Endpoint,
    string Kind,
    int Times = 1,
    int DelayMs = 30_000,
    int Polls = 3,
    string? Status = null,
    int Minutes = 5,
    int ResetSeconds = 900,
    int? Code = null,
    int? Subcode = null,
    string? Message = null,
    string? Account = null,
    string? Permalink = null);
