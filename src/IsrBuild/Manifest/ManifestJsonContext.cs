using System.Text.Json.Serialization;

namespace IsrBuild.Manifest;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(IsrManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
