using System.Text.Json.Serialization;

namespace IsrBuild.Store;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredPageHeader))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
