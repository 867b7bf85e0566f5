using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IsrBuild.Testing;

/// <summary>A logger provider that keeps every entry the host logs, for tests that read what an operator would see.</summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>What IsrBuild itself logged (ASP.NET Core's own categories left out).</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries.Where(e => e.Category.StartsWith("IsrBuild", StringComparison.Ordinal))];

    /// <summary>Everything the host logged, ASP.NET Core's own categories (an unhandled exception) included.</summary>
    public IReadOnlyList<LogEntry> AllEntries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>One entry: its category, event id, level, formatted message and exception.</summary>
    public sealed record LogEntry(string Category, int EventId, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new LogEntry(category, eventId.Id, logLevel, formatter(state, exception), exception));
    }
}
