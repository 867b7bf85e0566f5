using System.Text.Json.Serialization;

namespace IsrBuild.Status;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageStatusBody))]
internal sealed partial class PageStatusJsonContext : JsonSerializerContext;
