using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IsrBuild.Bench.Store;

// Usage:
//   IsrBuild.Bench.Store measure <pages> <folder>   write, size, miss-path reads and RSS for SQLite and LMDB
//   IsrBuild.Bench.Store crash <rounds> <folder>    kill -9 during a dozen concurrent writers, then check every entry
//   IsrBuild.Bench.Store write <engine> <folder>    (child of crash) writes until killed
//   IsrBuild.Bench.Store floor <pages> <folder>     the least a miss can cost: a small SQLite row, and one pread of
//                                                   a body at an offset already known (no engine at all)
// LightningDB's own liblmdb.so needs glibc 2.38; Debian 12 has 2.36, so the system's liblmdb0 is loaded instead.
System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(LightningDB.LightningEnvironment).Assembly, (name, _, _) =>
    name == "lmdb" && System.Runtime.InteropServices.NativeLibrary.TryLoad("liblmdb.so.0", out var handle) ? handle : IntPtr.Zero);

var mode = args[0];
switch (mode)
{
    case "measure":
        Measure(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    case "crash":
        Crash(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    case "write":
        WriteUntilKilled(args[1], args[2]);
        break;
    case "floor":
        Floor(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
        break;
    default:
        throw new ArgumentException($"Unknown mode {mode}.");
}

static void Measure(int pages, string folder)
{
    foreach (var engine in (Environment.GetEnvironmentVariable("ENGINES") ?? "sqlite,sqlite-raw,lmdb").Split(','))
    {
        // sqlite-raw and sqlite-blob read the store the sqlite engine wrote.
        var directory = Path.Combine(folder, engine is "sqlite-raw" or "sqlite-blob" ? "sqlite" : engine);
        Directory.CreateDirectory(directory);
        var started = Stopwatch.GetTimestamp();
        using (var store = engine is "sqlite-raw" or "sqlite-blob" ? null : PageEngine.Open(engine, directory, writable: true))
        {
            const int batch = 1000;
            for (var from = 0; from < pages && store is not null; from += batch)
            {
                store.WriteBatch(Enumerable.Range(from, Math.Min(batch, pages - from)).Select(SamplePage.Make));
            }
        }

        var writeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var size = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);

        using var reader = PageEngine.Open(engine, directory, writable: false);
        var random = new Random(42);
        var keys = Enumerable.Range(0, 200_000).Select(_ => $"/posts/{random.Next(pages)}").ToArray();

        // One pass to bring the file into the OS page cache, then the measured pass (the miss path's steady state).
        foreach (var key in keys)
        {
            reader.ReadHtml(key);
        }

        var rssBefore = Environment.WorkingSet;
        started = Stopwatch.GetTimestamp();
        long bytes = 0;
        foreach (var key in keys)
        {
            bytes += reader.ReadHtml(key)!.Length;
        }

        var perRead = Stopwatch.GetElapsedTime(started).TotalMicroseconds / keys.Length;
        started = Stopwatch.GetTimestamp();
        Parallel.ForEach(keys, new ParallelOptions { MaxDegreeOfParallelism = 2 }, key => reader.ReadHtml(key));
        var perReadTwoThreads = Stopwatch.GetElapsedTime(started).TotalMicroseconds / keys.Length;
        Console.WriteLine(
            $"{engine,-6} pages {pages,8:N0}  write {writeSeconds,6:F1} s  size {size / 1048576.0,8:F1} MiB  " +
            $"miss read {perRead,5:F2} µs (1 thread), {perReadTwoThreads,5:F2} µs/read (2 threads)  " +
            $"RSS {rssBefore / 1048576,5} → {Environment.WorkingSet / 1048576,5} MiB over the measured pass");
    }
}

static void Crash(int rounds, string folder)
{
    foreach (var engine in new[] { "sqlite", "lmdb" })
    {
        var directory = Path.Combine(folder, "crash-" + engine);
        Directory.CreateDirectory(directory);
        int checkedEntries = 0, torn = 0;
        for (var round = 0; round < rounds; round++)
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(SamplePage).Assembly.Location, "write", engine, directory])
            {
                RedirectStandardOutput = true,
            })!;
            if (Environment.ProcessPath!.EndsWith("IsrBuild.Bench.Store", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Run through 'dotnet IsrBuild.Bench.Store.dll'.");
            }

            // The child prints how many writes it has made, every few writes; the kill lands once it has made a count
            // that grows each round, so the kills fall at different points of the writers' transactions (its writers
            // are mid-write whenever the line is read). Each line is awaited for at most 30 s.
            var target = 100 + round * 61;
            while (int.TryParse(child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult(), out var written)
                && written < target)
            {
            }

            child.Kill();
            child.WaitForExit();
            using var store = PageEngine.Open(engine, directory, writable: false);
            foreach (var (key, html, hash) in store.ReadAll())
            {
                checkedEntries++;
                if (SamplePage.HashOf(html) != hash || !key.StartsWith("/posts/", StringComparison.Ordinal))
                {
                    torn++;
                }
            }
        }

        Console.WriteLine($"{engine,-6} {rounds} kills during 12 concurrent writers: {checkedEntries:N0} entries checked after reopening, {torn} torn");
    }
}

// What any page store pays per miss on this machine, below every engine measured above: the metadata of a page in a
// small SQLite row (no body, no overflow pages), and the body alone read by one pread at an offset held in memory
// (the hand-written layout the issue rules out, as a floor). Both warmed into the OS page cache first.
static void Floor(int pages, string folder)
{
    Directory.CreateDirectory(folder);
    var database = Path.Combine(folder, "floor.db");
    var bodies = Path.Combine(folder, "floor-bodies.bin");
    var offsets = new long[pages];
    var lengths = new int[pages];
    File.Delete(database);
    using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
    using (var file = File.Create(bodies))
    {
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=OFF; CREATE TABLE pages (path TEXT PRIMARY KEY, route TEXT, kind INT, generated_at INT, revalidate INT, html_hash TEXT, br_hash TEXT, gz_hash TEXT, tags TEXT, body_offset INT, body_length INT) WITHOUT ROWID";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO pages VALUES ($path, '/posts/{id:long}', 0, 1764460800000, 60, $hash, $hash, $hash, 'post:1\nposts', $offset, $length)";
        var path = insert.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", Microsoft.Data.Sqlite.SqliteType.Text);
        var offset = insert.Parameters.Add("$offset", Microsoft.Data.Sqlite.SqliteType.Integer);
        var length = insert.Parameters.Add("$length", Microsoft.Data.Sqlite.SqliteType.Integer);
        for (var i = 0; i < pages; i++)
        {
            var page = SamplePage.Make(i);
            (offsets[i], lengths[i]) = (file.Position, page.Html.Length);
            (path.Value, hash.Value, offset.Value, length.Value) = (page.Path, page.Hash[..22], offsets[i], lengths[i]);
            file.Write(page.Html);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={new Uri(database).AbsoluteUri}?immutable=1;Mode=ReadOnly;Pooling=False");
    reader.Open();
    using var select = reader.CreateCommand();
    select.CommandText = "SELECT route, kind, generated_at, revalidate, html_hash, br_hash, gz_hash, tags, body_offset, body_length FROM pages WHERE path = $path";
    var key = select.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
    select.Prepare();
    using var handle = File.OpenHandle(bodies, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
    var random = new Random(42);
    var ids = Enumerable.Range(0, 200_000).Select(_ => random.Next(pages)).ToArray();
    var paths = ids.Select(id => $"/posts/{id}").ToArray();
    for (var pass = 0; pass < 2; pass++)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var path in paths)
        {
            key.Value = path;
            using var row = select.ExecuteReader();
            row.Read();
            _ = (row.GetString(0), row.GetInt32(1), row.GetInt64(2), row.GetInt32(3), row.GetString(4), row.GetString(5), row.GetString(6), row.GetString(7), row.GetInt64(8), row.GetInt32(9));
        }

        var metadata = Stopwatch.GetElapsedTime(started).TotalMicroseconds / paths.Length;
        started = Stopwatch.GetTimestamp();
        foreach (var id in ids)
        {
            var body = new byte[lengths[id]];
            RandomAccess.Read(handle, body, offsets[id]);
        }

        var pread = Stopwatch.GetElapsedTime(started).TotalMicroseconds / ids.Length;
        if (pass == 1)
        {
            Console.WriteLine($"pages {pages:N0}: small SQLite row (metadata, no body) {metadata:F2} µs; one pread of a body at a known offset {pread:F2} µs; RSS {Environment.WorkingSet >> 20} MiB");
        }
    }
}

static void WriteUntilKilled(string engine, string directory)
{
    using var store = PageEngine.Open(engine, directory, writable: true);
    var written = 0;
    var writers = Enumerable.Range(0, 12).Select(w => Task.Run(() =>
    {
        for (var i = 0; ; i++)
        {
            store.WriteBatch([SamplePage.Make(w * 1_000_000 + (i % 500))]);
            if (Interlocked.Increment(ref written) is var count && count % 10 == 0)
            {
                Console.WriteLine(count);
            }
        }
    })).ToArray();
    Task.WaitAll(writers);
}

namespace IsrBuild.Bench.Store
{
    internal sealed record SamplePage(string Path, byte[] Html, string Hash, byte[] Brotli, byte[] Gzip)
    {
        private static readonly string Paragraph = string.Concat(Enumerable.Repeat(
            "<p>Incremental static regeneration keeps pages static while their data changes; this paragraph fills the post to the sample's size. </p>\n", 60));

        public static SamplePage Make(int id)
        {
            var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><title>Post {id}</title></head><body><h1>Post {id} at {Stopwatch.GetTimestamp()}</h1>{Paragraph}</body></html>");
            return new SamplePage($"/posts/{id}", html, HashOf(html), Compress(html, brotli: true), Compress(html, brotli: false));
        }

        public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

        private static byte[] Compress(byte[] html, bool brotli)
        {
            using var output = new MemoryStream();
            using (Stream stream = brotli ? new BrotliStream(output, CompressionLevel.Optimal) : new GZipStream(output, CompressionLevel.Optimal))
            {
                stream.Write(html);
            }

            return output.ToArray();
        }
    }
}
