using System.Diagnostics;
using System.Text;

namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A published site started as its own process, as a user starts it (<c>dotnet Site.dll</c> in the publish folder),
/// on 127.0.0.1 with a port Kestrel picks. Disposing kills it, whatever the test's outcome.
/// </summary>
internal sealed class SiteProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiteProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet Site.dll</c> in <paramref name="publishDirectory"/>.</summary>
    public static Task<SiteProcess> StartAsync(string publishDirectory, string assemblyName, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(publishDirectory, "dotnet", [assemblyName + ".dll"], environment, clearEnvironment: false);

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="workingDirectory"/> with <c>--urls</c> appended; with
    /// <paramref name="clearEnvironment"/> the process gets only <paramref name="environment"/>, as on a bare VM.
    /// </summary>
    public static async Task<SiteProcess> StartAsync(
        string workingDirectory,
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        bool clearEnvironment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (clearEnvironment)
        {
            start.Environment.Clear();
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            const string marker = "Now listening on: ";
            var index = line.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                listening.TrySetResult(new Uri(line[(index + marker.Length)..].Trim()));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The site exited before it listened."));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var site = new SiteProcess(process, address);
            lock (output)
            {
                site._output.Append(output);
            }

            process.OutputDataReceived += (_, e) => site.Append(e.Data);
            process.ErrorDataReceived += (_, e) => site.Append(e.Data);
            return site;
        }
        catch (Exception exception)
        {
            Stop(process);

            // The timed wait in Stop does not wait for the output still in flight; this one does (the process has
            // ended), so the message below holds what the site said last, such as why it stopped.
            process.WaitForExit();
            process.Dispose();
            throw new InvalidOperationException($"The site did not start:\n{output}", exception);
        }
    }

    /// <summary>Ends the process with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill() => Stop(_process);

    public void Dispose()
    {
        Client.Dispose();
        Stop(_process);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
