using Microsoft.Extensions.Logging;

namespace Live.Extensions.Tests;

/// <summary>Keeps every formatted log message, for asserting what was (not) logged.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly List<string> _messages = new();

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToArray();
            }
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string text = $"{category} {logLevel}: {formatter(state, exception)} {exception}";
            lock (owner._messages)
            {
                owner._messages.Add(text);
            }
        }
    }
}
