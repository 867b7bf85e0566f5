using IsrBuild.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IsrBuild.Redis;

/// <summary>
/// The page store of a host among several: reads stay local (this host's published and regenerated pages, kept
/// current by messages), so serving never calls Redis. A regeneration under a shared lease is written to Redis
/// first, fenced: the script refuses a state whose fence is not newer than the one stored, so a paused former
/// holder cannot overwrite a newer page. It then goes to the local store, and a message tells the other hosts.
/// </summary>
internal sealed class RedisPageStore(
    [FromKeyedServices(RedisPageStore.LocalStoreKey)] IIsrPageStore local,
    RedisConnection redis,
    RedisPagePropagation propagation,
    PageChanges changes,
    TimeProvider timeProvider,
    ILogger<RedisPageStore> logger) : IIsrPageStore
{
    // The end of both scripts below, once the hash holds the new state: the page's tags, its fence in the index, an
    // entry in the log and a message to the other hosts.
    private const string IndexAndAnnounce =
        """

        local tags = redis.call('HGET', KEYS[1], 'tags')
        if tags and redis.call('HGET', KEYS[1], 'kind') == '0' then
          for tag in string.gmatch(tags, '[^' .. ARGV[8] .. ']+') do
            redis.call('SADD', ARGV[6] .. tag, ARGV[2])
            redis.call('EXPIRE', ARGV[6] .. tag, ARGV[7])
          end
        end
        redis.call('ZADD', KEYS[2], fence, ARGV[2])
        redis.call('EXPIRE', KEYS[2], ARGV[7])
        local id = redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'path', ARGV[2], 'host', ARGV[3])
        redis.call('EXPIRE', KEYS[3], ARGV[7])
        redis.call('PUBLISH', ARGV[4], id .. '\n' .. ARGV[3] .. '\n' .. ARGV[2])
        return 1
        """;

    // KEYS: page hash, index, log. ARGV: fence, path, host, channel, log length, tag key prefix, lifetime in seconds,
    // the tag separator, then field/value pairs.
    private const string FencedWrite =
        """
        local current = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
        local fence = tonumber(ARGV[1])
        if fence <= current then return 0 end
        local old = redis.call('HGET', KEYS[1], 'tags')
        if old then
          for tag in string.gmatch(old, '[^' .. ARGV[8] .. ']+') do redis.call('SREM', ARGV[6] .. tag, ARGV[2]) end
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 9))
        redis.call('EXPIRE', KEYS[1], ARGV[7])
        """ + IndexAndAnnounce;

    // A page generated again with the bytes it had: new times on the hash it is, bodies left alone. 2: the hash holds
    // other bytes, or none while ARGV[10] is not '1', so the page must be written in full; a hash created without
    // bodies names a published page's, which every host of the build holds. KEYS and ARGV as the write, with the
    // page's HTML hash at ARGV[9].
    private const string FencedRefresh =
        """
        local current = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
        local fence = tonumber(ARGV[1])
        if fence <= current then return 0 end
        if redis.call('EXISTS', KEYS[1]) == 1 then
          if redis.call('HGET', KEYS[1], 'html_hash') ~= ARGV[9] then return 2 end
        elseif ARGV[10] ~= '1' then
          return 2
        end
        redis.call('HSET', KEYS[1], unpack(ARGV, 11))
        redis.call('EXPIRE', KEYS[1], ARGV[7])
        """ + IndexAndAnnounce;

    // The page's hash, without its bodies when their HTML hash is ARGV[1] (bytes the reading host holds already).
    private const string ReadUnlessHeld =
        """
        if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'html_hash') == ARGV[1] then
          local fields = {unpack(ARGV, 2)}
          local values = redis.call('HMGET', KEYS[1], unpack(fields))
          local result = {}
          for i, name in ipairs(fields) do
            if values[i] then
              table.insert(result, name)
              table.insert(result, values[i])
            end
          end
          return result
        end
        return redis.call('HGETALL', KEYS[1])
        """;

    /// <summary>The key under which the store <c>AddIsr</c> registered (this host's own) stays reachable.</summary>
    public const string LocalStoreKey = "IsrBuild.Redis.LocalStore";

    public string BuildId => local.BuildId;

    public Task InitializeAsync(CancellationToken cancellationToken) => local.InitializeAsync(cancellationToken);

    public ValueTask<StoredPage?> GetMetadataAsync(string path, CancellationToken cancellationToken) =>
        local.GetMetadataAsync(path, cancellationToken);

    public ValueTask<(StoredPage Page, byte[]? Body)?> GetAsync(string path, PageEncoding encoding, CancellationToken cancellationToken) =>
        local.GetAsync(path, encoding, cancellationToken);

    public ValueTask<byte[]?> GetBodyAsync(StoredPage page, PageEncoding encoding, CancellationToken cancellationToken) =>
        local.GetBodyAsync(page, encoding, cancellationToken);

    public async Task<PageWriteResult> SetAsync(StoredPage page, EncodedPage? body, CancellationToken cancellationToken)
    {
        if (page.Fence == 0)
        {
            // Rendered without a shared lease (Redis was down, or another host held it for a first render): this
            // host serves it, and the holder's page reaches everyone when written.
            return (await local.SetAsync(page, body, cancellationToken)) with { Outcome = PageWrite.LocalOnly };
        }

        if (body is not null && body.Size > redis.Options.MaxEntryBytes)
        {
            logger.EntryTooLarge(page.Path, body.Size, redis.Options.MaxEntryBytes);
            return (await local.SetAsync(page, body, cancellationToken)) with { Outcome = PageWrite.LocalOnly };
        }

        var keys = redis.Keys;
        RedisValue[] arguments = [.. ScriptArguments(page), .. PageEnvelope.Fields(page, body)];
        var written = await redis.TryAsync(
            "page write",
            async database =>
            {
                var result = (int?)(int)await database.ScriptEvaluateAsync(FencedWrite, [keys.Page(page.Path), keys.Index, keys.Log], arguments);
                redis.Reached();
                return result;
            },
            whenDown: null);
        if (written is null)
        {
            return (await local.SetAsync(page, body, cancellationToken)) with { Outcome = PageWrite.LocalOnly };
        }

        if (written == 0)
        {
            logger.WriteSuperseded(page.Path, page.Fence);

            // The caller announces the newer page it finds here: announcing it here too would raise it twice.
            await ApplyAsync(page.Path, cancellationToken, announce: false);
            return new PageWriteResult(PageWrite.Superseded, await local.GetMetadataAsync(page.Path, cancellationToken));
        }

        return (await local.SetAsync(page, body, cancellationToken)) with { Outcome = PageWrite.Shared };
    }

    /// <summary>
    /// Refreshes the shared hash first (fenced as a write, refused when it holds other bytes), then this host's store;
    /// the other hosts take the new times without the bodies, which they hold already.
    /// </summary>
    public async Task<PageWriteResult?> RefreshAsync(StoredPage page, CancellationToken cancellationToken)
    {
        if (page.Fence == 0)
        {
            return await local.RefreshAsync(page, cancellationToken) is { } mine ? mine with { Outcome = PageWrite.LocalOnly } : null;
        }

        // Only a published page's bytes are on every host without Redis: any other shared page needs its bodies there.
        var published = await local.GetMetadataAsync(page.Path, cancellationToken) is { Source: PageSource.Published };
        var keys = redis.Keys;
        RedisValue[] arguments = [.. ScriptArguments(page), page.HtmlHash, published ? "1" : "0", .. PageEnvelope.Fields(page, body: null)];
        var refreshed = await redis.TryAsync(
            "page refresh",
            async database =>
            {
                var result = (int?)(int)await database.ScriptEvaluateAsync(FencedRefresh, [keys.Page(page.Path), keys.Index, keys.Log], arguments);
                redis.Reached();
                return result;
            },
            whenDown: null);
        switch (refreshed)
        {
            case null:
                return await local.RefreshAsync(page, cancellationToken) is { } mine ? mine with { Outcome = PageWrite.LocalOnly } : null;
            case 0:
                logger.WriteSuperseded(page.Path, page.Fence);
                await ApplyAsync(page.Path, cancellationToken, announce: false);
                return new PageWriteResult(PageWrite.Superseded, await local.GetMetadataAsync(page.Path, cancellationToken));
            case 2:
                return null;
        }

        // The shared hash has the new times now; this host's copy was the same version a moment ago. Should it have
        // changed meanwhile, this host takes the shared state as any other would.
        if (await local.RefreshAsync(page, cancellationToken) is { } here)
        {
            return here with { Outcome = PageWrite.Shared };
        }

        await ApplyAsync(page.Path, cancellationToken, announce: true);
        return new PageWriteResult(PageWrite.Shared, await local.GetMetadataAsync(page.Path, cancellationToken));
    }

    /// <summary>The arguments both scripts begin with, ARGV[1] to ARGV[8] (see <see cref="FencedWrite"/>).</summary>
    private RedisValue[] ScriptArguments(StoredPage page) =>
    [
        page.Fence, page.Path, redis.HostId, redis.Keys.Events.ToString(), redis.Options.LogLength, redis.Keys.TagPrefix,
        redis.Options.EntryHours * 3600, StoredPage.TagSeparator.ToString(),
    ];

    /// <summary>
    /// The local pages carrying the tag, and the shared ones (written by any host, this build): set look-ups,
    /// proportional to the pages that carry it.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> GetPathsByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var paths = new HashSet<string>(await local.GetPathsByTagAsync(tag, cancellationToken), StringComparer.Ordinal);
        foreach (var member in await redis.TryAsync("tag look-up", database => database.SetMembersAsync(redis.Keys.TagPrefix + tag), whenDown: []))
        {
            paths.Add(member.ToString());
        }

        return paths;
    }

    /// <summary>
    /// The local entries under the prefix: every shared page this build wrote reaches this host's store, so the
    /// local key ranges see them too.
    /// </summary>
    public Task<IReadOnlyCollection<string>> GetPathsByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
        local.GetPathsByPrefixAsync(prefix, cancellationToken);

    /// <summary>
    /// Takes the path's shared state into this host's store, unless this host already has one as new, and (with
    /// <paramref name="announce"/>) drops what memory holds for it. Returns whether anything changed.
    /// </summary>
    public async Task<bool> ApplyAsync(string path, CancellationToken cancellationToken, bool announce = true)
    {
        // A page whose bytes this host holds already is read without them: only its times changed.
        var mine = await local.GetMetadataAsync(path, cancellationToken);
        var held = mine is { Kind: StoredPageKind.Page, HtmlHash: { } hash } ? hash : string.Empty;
        var entries = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(ReadUnlessHeld, [redis.Keys.Page(path)], [held, .. PageEnvelope.MetadataFields]))!;
        if (PageEnvelope.Read(path, entries) is not var (page, body))
        {
            return false;
        }

        // Fences order the writes of one build across hosts; a local render without one (Redis was down) gives
        // way to a shared page written after it.
        if (mine is { Source: PageSource.Regenerated }
            && (mine.Fence >= page.Fence || (mine.Fence == 0 && mine.GeneratedAt > page.GeneratedAt)))
        {
            await propagation.MarkHeldAsync(redis.Database, path, page.Fence);
            return false;
        }

        if (body is not null || page.Kind != StoredPageKind.Page)
        {
            redis.Metrics.PageFetched();
            await local.SetAsync(page, body, cancellationToken);
            if (announce)
            {
                changes.Raise(path);
            }
        }
        else if (page.HtmlHash == mine?.HtmlHash && await local.RefreshAsync(page, cancellationToken) is not null)
        {
            if (announce)
            {
                changes.RaiseRefreshed(page);
            }
        }
        else
        {
            // A hash without bodies names bytes this host does not hold: its own copy stays until it regenerates.
            return false;
        }

        await propagation.MarkHeldAsync(redis.Database, path, page.Fence);
        redis.Metrics.Applied(timeProvider.GetUtcNow() - page.GeneratedAt);
        logger.AppliedRemotePage(path, page.Fence);
        return true;
    }
}
