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
    private Property _property;
    private string? _route;
    private byte[] _lastRoute = [];
    private bool _hasRoute;
    private string? _template;
    private string? _page;
    private string? _fallback;
    private string? _destination;
    private bool _permanent;
    private int _revalidate = -1;
    private List<string>? _tags;
    private string? _unknownFallback;

    private readonly bool _headOnly;
    private bool _done;

    private ManifestReader(Action<string, IReadOnlyList<string>>? onTags, bool headOnly = false)
    {
        _onTags = onTags;
        _headOnly = headOnly;
    }

    private enum Property
    {
        Other,
        Page,
        Template,
        Fallback,
        Route,
        Revalidate,
        Tags,
        Destination,
        Permanent,
    }

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

    /// <summary>
    /// Reads only the manifest's head (its version, build id and time), which the writer puts before any route or
    /// page: enough to tell whether <see cref="ManifestIndexFile"/> belongs to it.
    /// </summary>
    public static Task<ManifestIndex> ReadHeadAsync(string path, CancellationToken cancellationToken) =>
        new ManifestReader(onTags: null, headOnly: true).RunAsync(path, 4096, cancellationToken);

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
                if (isFinalBlock || _done)
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
        while (!_done && reader.Read())
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
                _done = _headOnly && _section is Section.Routes or Section.Pages or Section.Redirects or Section.NotFound;
                break;
            case JsonTokenType.PropertyName when depth == 2:
                _key = reader.GetString();
                break;
            case JsonTokenType.PropertyName when depth == 3:
                _property = PropertyOf(ref reader);
                break;
            case JsonTokenType.StartObject when depth == 2:
                StartEntry();
                break;
            case JsonTokenType.EndObject when depth == 2:
                EndEntry();
                break;
            case JsonTokenType.StartArray when depth == 3 && _section == Section.Pages && _property == Property.Tags && _onTags is not null:
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

    // Names are matched as UTF-8 bytes: a million pages must not cost millions of strings.
    private static Property PropertyOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("route"u8) ? Property.Route
        : reader.ValueTextEquals("revalidate"u8) ? Property.Revalidate
        : reader.ValueTextEquals("tags"u8) ? Property.Tags
        : reader.ValueTextEquals("page"u8) ? Property.Page
        : reader.ValueTextEquals("template"u8) ? Property.Template
        : reader.ValueTextEquals("fallback"u8) ? Property.Fallback
        : reader.ValueTextEquals("destination"u8) ? Property.Destination
        : reader.ValueTextEquals("permanent"u8) ? Property.Permanent
        : Property.Other;

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

        if (depth == 4 && _tags is not null && _property == Property.Tags)
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
            case (Section.Routes, Property.Page):
                _page = reader.GetString();
                break;
            case (Section.Routes, Property.Template):
                _template = reader.GetString();
                break;
            case (Section.Routes, Property.Fallback):
                _fallback = reader.GetString();
                break;
            case (Section.Pages, Property.Route):
                _hasRoute = true;

                // Consecutive pages mostly share a route: compare bytes before making a string.
                if (!reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(_lastRoute) && _route is not null)
                {
                    break;
                }

                _route = reader.GetString();
                _lastRoute = reader.ValueIsEscaped ? [] : reader.ValueSpan.ToArray();
                break;
            case (Section.Redirects, Property.Route):
                _route = reader.GetString();
                break;
            case (Section.Pages, Property.Revalidate):
                _revalidate = reader.GetInt32();
                break;
            case (Section.Redirects, Property.Destination):
                _destination = reader.GetString();
                break;
            case (Section.Redirects, Property.Permanent):
                _permanent = reader.GetBoolean();
                break;
        }
    }

    private void StartEntry()
    {
        _property = Property.Other;
        _template = _page = _fallback = _destination = null;
        if (_section != Section.Pages)
        {
            _route = null;
        }

        _permanent = false;
        _hasRoute = false;
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
                _index.Pages[key] = new PublishedPage(RouteIndexOf(_hasRoute ? _route ?? string.Empty : string.Empty), _revalidate);
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
