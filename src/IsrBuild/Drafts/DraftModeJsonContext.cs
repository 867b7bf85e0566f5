using System.Text.Json.Serialization;

namespace IsrBuild.Drafts;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DraftModeResponseBody))]
internal sealed partial class DraftModeJsonContext : JsonSerializerContext;
