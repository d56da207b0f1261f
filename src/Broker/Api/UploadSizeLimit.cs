using Microsoft.AspNetCore.Http.Metadata;

namespace Broker.Api;

/// <summary>Raises the request body limit for one endpoint (photo uploads, CSV imports) above the global one.</summary>
public sealed record UploadSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
