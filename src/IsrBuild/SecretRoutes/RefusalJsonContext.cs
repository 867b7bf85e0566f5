using System.Text.Json.Serialization;

namespace IsrBuild.SecretRoutes;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RefusalBody))]
internal sealed partial class RefusalJsonContext : JsonSerializerContext;
