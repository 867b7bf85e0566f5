using System.Buffers;
using System.Text.Json;

namespace IsrBuild.Manifest;

/// <summary>
/// Reads <c>isr-manifest.json</c> in one streaming pass with <see cref="Utf8JsonReader"/>: memory holds a small
/// buffer and the compact index, never the file or an object per page, so a manifest of millions of pages loads in
/// seconds and in tens of megabytes.
/// </summary>
internal sealed class ManifestReader
{
    private readonly ManifestIndex _index = new();
    private readonly Action<string, IReadOnlyList<string>>? _onTags;
    private readonly Dictionary<string, int> _routeIndexes = new(StringComparer.Ordinal);
    private Section _section;
    private string? _key;
    private string? _property;
    private string? _route;
    private string? _template;
    private string? _page;
    private string? _fallback;
    private string? _destination;
    private bool _permanent;
    private int _revalidate = -1;
    private List<string>? _tags;
    private string? _unknownFallback;

    private ManifestReader(Action<string, IReadOnlyList<string>>? onTags) => _onTags = onTags;

    private enum Section
    {
        Other,
        Version,
        BuildId,
        GeneratedAt,
        Routes,
        Pages,
        Redirects,
        NotFound,
    }

    /// <summary>Reads the manifest at <paramref name="path"/> into its index.</summary>
    /// <exception cref="IsrManifestException">The file is not valid JSON, of another version, or names an unknown fallback.</exception>
    public static Task<ManifestIndex> ReadAsync(string path, CancellationToken cancellationToken, int bufferSize = 64 * 1024) =>
        new ManifestReader(onTags: null).RunAsync(path, bufferSize, cancellationToken);

    /// <summary>Reads only what is needed to index tags: each page's path and tags, handed to <paramref name="onTags"/>.</summary>
    public static Task ReadTagsAsync(string path, Action<string, IReadOnlyList<string>> onTags, CancellationToken cancellationToken) =>
        new ManifestReader(onTags).RunAsync(path, 64 * 1024, cancellationToken);

    private async Task<ManifestIndex> RunAsync(string path, int bufferSize, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await ParseAsync(stream, bufferSize, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new IsrManifestException($"The ISR manifest '{path}' is not valid JSON: {exception.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new IsrManifestException($"The ISR manifest '{path}' does not have the expected shape: {exception.Message}", exception);
        }

        if (_index.Version != IsrManifest.CurrentVersion)
        {
            throw new IsrManifestException(
                $"The ISR manifest '{path}' has version {_index.Version}; this IsrBuild reads version {IsrManifest.CurrentVersion}. Publish the site again with the IsrBuild package the host uses.");
        }

        if (_unknownFallback is not null)
        {
            throw new IsrManifestException($"The ISR manifest '{path}' gives a route the unknown fallback '{_unknownFallback}'.");
        }

        return _index;
    }

    private async Task ParseAsync(Stream stream, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var state = default(JsonReaderState);
        var filled = 0;
        var isFinalBlock = false;
        try
        {
            while (true)
            {
                if (!isFinalBlock)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    filled += read;
                    isFinalBlock = read == 0;
                }

                var consumed = Process(buffer.AsSpan(0, filled), isFinalBlock, ref state);
                if (isFinalBlock)
                {
                    return;
                }

                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                if (filled == buffer.Length)
                {
                    // One token longer than the buffer: grow it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Process(ReadOnlySpan<byte> data, bool isFinalBlock, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        while (reader.Read())
        {
            Handle(ref reader);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName when depth == 1:
                _section = SectionOf(ref reader);
                break;
            case JsonTokenType.PropertyName when depth == 2:
                _key = reader.GetString();
                break;
            case JsonTokenType.PropertyName when depth == 3:
                _property = reader.GetString();
                break;
            case JsonTokenType.StartObject when depth == 2:
                StartEntry();
                break;
            case JsonTokenType.EndObject when depth == 2:
                EndEntry();
                break;
            case JsonTokenType.StartArray when depth == 3 && _section == Section.Pages && _property == "tags" && _onTags is not null:
                _tags = [];
                break;
            case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                Value(ref reader, depth);
                break;
        }
    }

    private static Section SectionOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("version"u8) ? Section.Version
        : reader.ValueTextEquals("buildId"u8) ? Section.BuildId
        : reader.ValueTextEquals("generatedAt"u8) ? Section.GeneratedAt
        : reader.ValueTextEquals("routes"u8) ? Section.Routes
        : reader.ValueTextEquals("pages"u8) ? Section.Pages
        : reader.ValueTextEquals("redirects"u8) ? Section.Redirects
        : reader.ValueTextEquals("notFound"u8) ? Section.NotFound
        : Section.Other;

    private void Value(ref Utf8JsonReader reader, int depth)
    {
        if (depth == 1)
        {
            switch (_section)
            {
                case Section.Version:
                    _index.Version = reader.GetInt32();
                    break;
                case Section.BuildId:
                    _index.BuildId = reader.GetString() ?? string.Empty;
                    break;
                case Section.GeneratedAt:
                    _index.GeneratedAt = reader.GetDateTimeOffset();
                    break;
            }

            return;
        }

        if (depth == 2 && _section == Section.NotFound)
        {
            _index.NotFound.Add(reader.GetString()!);
            return;
        }

        if (depth == 4 && _tags is not null && _property == "tags")
        {
            _tags.Add(reader.GetString()!);
            return;
        }

        if (depth != 3)
        {
            return;
        }

        switch (_section, _property)
        {
            case (Section.Routes, "page"):
                _page = reader.GetString();
                break;
            case (Section.Routes, "template"):
                _template = reader.GetString();
                break;
            case (Section.Routes, "fallback"):
                _fallback = reader.GetString();
                break;
            case (Section.Pages or Section.Redirects, "route"):
                _route = reader.GetString();
                break;
            case (Section.Pages, "revalidate"):
                _revalidate = reader.GetInt32();
                break;
            case (Section.Redirects, "destination"):
                _destination = reader.GetString();
                break;
            case (Section.Redirects, "permanent"):
                _permanent = reader.GetBoolean();
                break;
        }
    }

    private void StartEntry()
    {
        _property = null;
        _route = _template = _page = _fallback = _destination = null;
        _permanent = false;
        _revalidate = -1;
        _tags = null;
    }

    private void EndEntry()
    {
        var key = _key!;
        switch (_section)
        {
            case Section.Routes:
                if (FallbackNames.Parse(_fallback ?? FallbackNames.NotFound) is { } mode)
                {
                    _index.Fallbacks[key] = mode;
                }
                else
                {
                    // Reported once the pass ends, with the file's name.
                    _unknownFallback ??= _fallback;
                }

                break;
            case Section.Pages when _onTags is not null:
                _onTags(key, _tags ?? []);
                break;
            case Section.Pages:
                _index.Pages[key] = new PublishedPage(RouteIndexOf(_route ?? string.Empty), _revalidate);
                break;
            case Section.Redirects:
                _index.Redirects[key] = new ManifestRedirect { Route = _route ?? string.Empty, Destination = _destination ?? "/", Permanent = _permanent };
                break;
        }
    }

    private int RouteIndexOf(string template)
    {
        if (!_routeIndexes.TryGetValue(template, out var index))
        {
            index = _index.RouteTemplates.Count;
            _index.RouteTemplates.Add(template);
            _routeIndexes[template] = index;
        }

        return index;
    }
}
