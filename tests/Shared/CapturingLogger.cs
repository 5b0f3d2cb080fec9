using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

// In the root namespace so that the test namespaces below it find these types without a using directive.
namespace Live;

/// <summary>
/// Keeps every log entry at every level: as entries (category, level, event id, rendered message, exception), as full
/// lines (level, category, event id, message, structured values, exception) and as messages. Add it to a logger factory
/// (<c>LoggerFactory.Create(b =&gt; b.AddProvider(provider))</c>) or use <see cref="CapturingLoggerFactory"/>. Linked into
/// the test projects that need it from <c>tests/Shared</c>.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<(string Line, string Message)> _texts = [];

    /// <summary>Every entry, in the order logged.</summary>
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Every entry as <c>{level} {category} [{event id}] {message} {structured values} {exception}</c>.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_texts)
            {
                return [.. _texts.Select(static t => t.Line)];
            }
        }
    }

    /// <summary>Every entry as its rendered message, followed by the exception when there is one.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_texts)
            {
                return [.. _texts.Select(static t => t.Message)];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, EventId eventId, string message, Exception? exception, IEnumerable<KeyValuePair<string, object?>>? values)
    {
        string line = $"{level} {category} [{eventId.Id}] {message}";
        if (values is not null)
        {
            line += " {" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) + "}";
        }

        if (exception is not null)
        {
            line += " " + exception;
        }

        lock (_texts)
        {
            _texts.Add((line, message + (exception is null ? string.Empty : " " + exception)));
            Entries.Enqueue((category, level, eventId, message, exception));
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(category, logLevel, eventId, formatter(state, exception), exception, state as IEnumerable<KeyValuePair<string, object?>>);
    }
}

/// <summary>
/// A logger factory that captures every log entry at every level (see <see cref="CapturingLoggerProvider"/>); providers
/// added to it are ignored.
/// </summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    /// <summary>Where the entries are kept.</summary>
    public CapturingLoggerProvider Provider { get; } = new();

    /// <summary>Every entry, in the order logged.</summary>
    public ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)> Entries => Provider.Entries;

    /// <summary>Every entry as a full line (see <see cref="CapturingLoggerProvider.Lines"/>).</summary>
    public IReadOnlyList<string> Lines => Provider.Lines;

    /// <summary>Every entry as its message (see <see cref="CapturingLoggerProvider.Messages"/>).</summary>
    public IReadOnlyList<string> Messages => Provider.Messages;

    public ILogger CreateLogger(string categoryName) => Provider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
