using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace IsrBuild.Publishing;

/// <summary>
/// Runs the site's entry point until it builds its host, takes the host's services, and stops it there: the
/// server, the hosted services and whatever <c>Main</c> does after <c>Build()</c> never run, and no port opens.
/// The host announces itself on the <c>Microsoft.Extensions.Hosting</c> diagnostic listener, which is how EF Core's
/// and ASP.NET Core's build-time tools find it too.
/// </summary>
internal sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string HostingListenerName = "Microsoft.Extensions.Hosting";

    private readonly TaskCompletionSource<IServiceProvider> _services = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];

    /// <exception cref="HostCaptureException">The site built no host, or failed before it did.</exception>
    public static IServiceProvider Capture(Assembly application, string[] args, TimeSpan timeout)
    {
        var entryPoint = application.EntryPoint
            ?? throw new HostCaptureException(GeneratorDiagnostics.NoHost, $"{application.GetName().Name} has no entry point; IsrBuild needs an ASP.NET Core app (Microsoft.NET.Sdk.Web, OutputType Exe).");

        var capture = new HostCapture();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(capture);
        var thread = new Thread(() => capture.RunEntryPoint(entryPoint, args))
        {
            IsBackground = true,
            Name = "IsrBuild host capture",
        };
        thread.Start();

        try
        {
            if (!capture._services.Task.Wait(timeout))
            {
                throw new HostCaptureException(GeneratorDiagnostics.NoHost, $"{application.GetName().Name} did not build its host within {timeout.TotalSeconds:0} s.");
            }
        }
        catch (AggregateException exception) when (exception.InnerException is HostCaptureException inner)
        {
            throw inner;
        }
        finally
        {
            foreach (var listener in capture._subscriptions)
            {
                listener.Dispose();
            }
        }

        return capture._services.Task.Result;
    }

    private void RunEntryPoint(MethodInfo entryPoint, string[] args)
    {
        try
        {
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }

            _services.TrySetException(new HostCaptureException(
                GeneratorDiagnostics.NoHost,
                "The app's entry point returned without building a host. Build the host with WebApplication.CreateBuilder(args) ... Build() in Program.cs and register pages with builder.Services.AddIsr()."));
        }
        catch (Exception exception)
        {
            var inner = exception is TargetInvocationException { InnerException: { } cause } ? cause : exception;
            if (inner is HostAbortedException && _services.Task.IsCompleted)
            {
                return;
            }

            _services.TrySetException(new HostCaptureException(
                GeneratorDiagnostics.StartupFailed,
                $"The app's startup threw before its host was built: {inner.GetType().Name}: {inner.Message}",
                inner));
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == HostingListenerName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilt" && value.Value is IHost host && _services.TrySetResult(host.Services))
        {
            // Unwinds the app's Main out of Build(): nothing after it runs. Hosting treats this exception as a
            // deliberate stop and does not log it as a crash.
            throw new HostAbortedException();
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
