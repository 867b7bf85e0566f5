using System.Text.Json.Serialization;

namespace IsrBuild.Revalidation;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RevalidateRequestBody))]
[JsonSerializable(typeof(RevalidateResponseBody))]
internal sealed partial class RevalidationJsonContext : JsonSerializerContext;
