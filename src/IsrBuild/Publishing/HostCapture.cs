using System.Diagnostics;
using System.Reflection;
using IsrBuild.Generation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsrBuild.Publishing;

/// <summary>
/// Runs the site's entry point until it builds its host, takes the host's services, and stops it there: the
/// server, the hosted services and whatever <c>Main</c> does after <c>Build()</c> never run, and no port opens.
/// The host announces itself on the <c>Microsoft.Extensions.Hosting</c> diagnostic listener, which is how EF Core's
/// and ASP.NET Core's build-time tools find it too. A site that lists endpoint pages to prerender (<c>AddIsrPaths</c>)
/// needs its endpoints and middleware, which <c>Main</c> adds after <c>Build()</c>: it runs on to <c>app.Run()</c>,
/// against a server that opens no port (<see cref="PublishServer"/>), with none of the site's hosted services.
/// </summary>
internal sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string HostingListenerName = "Microsoft.Extensions.Hosting";

    /// <summary>The hosted service that builds the pipeline and starts the server (internal to ASP.NET Core).</summary>
    private const string WebHostServiceName = "GenericWebHostService";

    private readonly TaskCompletionSource<IServiceProvider> _services = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private bool _runToStart;

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
        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            builder.ConfigureServices(services =>
            {
                _runToStart = services.Any(service => service.ServiceType == typeof(ListedPaths));
                if (_runToStart)
                {
                    // The generator's work starts where the server would: the pipeline is built then. The site's
                    // hosted services (and IsrBuild's own) have no business running at publish.
                    var others = services.Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name != WebHostServiceName).ToList();
                    if (others.Count < services.Count(service => service.ServiceType == typeof(IHostedService)))
                    {
                        foreach (var other in others)
                        {
                            services.Remove(other);
                        }
                    }

                    services.AddSingleton<IServer>(provider => new PublishServer(this, provider));
                }
            });
            return;
        }

        if (value.Key == "HostBuilt" && value.Value is IHost host && !_runToStart && _services.TrySetResult(host.Services))
        {
            // Unwinds the app's Main out of Build(): nothing after it runs. Hosting treats this exception as a
            // deliberate stop and does not log it as a crash.
            throw new HostAbortedException();
        }
    }

    /// <summary>
    /// The server of a publish: it opens no port, and once the host has built the app's pipeline and starts it, hands
    /// the generator the host's services. It never finishes starting, so <c>app.Run()</c> goes no further.
    /// </summary>
    private sealed class PublishServer(HostCapture capture, IServiceProvider services) : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            capture._services.TrySetResult(services);
            return Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
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
