using System.Buffers;
using System.Text.Json;

namespace IsrBuild.Manifest;

/// <summary>
/// Reads <c>isr-manifest.json</c> in one streaming pass with <see cref="Utf8JsonReader"/>: memory holds a small
/// buffer and the index (the route table and the set of paths), never the file or an object per page.
/// </summary>
internal sealed class ManifestReader
{
    private readonly ManifestIndex _index = new();
    private readonly bool _headOnly;
    private Section _section;
    private string? _key;
    private bool _inFallback;
    private string? _fallback;
    private string? _unknownFallback;
    private bool _done;

    private ManifestReader(bool headOnly) => _headOnly = headOnly;

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
        new ManifestReader(headOnly: false).RunAsync(path, bufferSize, cancellationToken);

    /// <summary>
    /// Reads only the manifest's head (its version, build id and time), which the writer puts before any route or
    /// page: enough to tell whether the published store belongs to it.
    /// </summary>
    /// <exception cref="IsrManifestException">The file is not valid JSON or of another version.</exception>
    public static Task<ManifestIndex> ReadHeadAsync(string path, CancellationToken cancellationToken) =>
        new ManifestReader(headOnly: true).RunAsync(path, 4096, cancellationToken);

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
                _inFallback = _section == Section.Routes && reader.ValueTextEquals("fallback"u8);
                break;
            case JsonTokenType.StartObject when depth == 2:
                _fallback = null;
                _inFallback = false;
                break;
            case JsonTokenType.EndObject when depth == 2:
                EndEntry();
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
        switch (depth, _section)
        {
            case (1, Section.Version):
                _index.Version = reader.GetInt32();
                break;
            case (1, Section.BuildId):
                _index.BuildId = reader.GetString() ?? string.Empty;
                break;
            case (1, Section.GeneratedAt):
                _index.GeneratedAt = reader.GetDateTimeOffset();
                break;
            case (3, Section.Routes) when _inFallback:
                _fallback = reader.GetString();
                break;
        }
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
            case Section.Pages or Section.Redirects:
                _index.Paths.Add(key);
                break;
            case Section.NotFound:
                _index.NotFound.Add(key);
                break;
        }
    }
}
