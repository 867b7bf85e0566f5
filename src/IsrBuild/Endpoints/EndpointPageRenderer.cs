using System.Net;
using IsrBuild.Coordination;
using IsrBuild.Generation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IsrBuild.Endpoints;

/// <summary>
/// Renders a path of an endpoint page through the app's whole pipeline on a request of its own: GET, the path, the
/// site's host (<see cref="IsrOptions.RenderHost"/>) over https, no cookies, no <c>Authorization</c>, no query, never
/// the visitor's request. What the app answers decides what is kept: 200 a page, 404 a not-found, 301, 302, 307 and
/// 308 a redirect; anything else, an exception, or an answer that sets a cookie is refused
/// (<see cref="PageGenerationException"/>), so the last good page stays.
/// </summary>
internal sealed class EndpointPageRenderer(AppPipeline pipeline, IHttpContextFactory contexts, IOptions<IsrOptions> options) : IEndpointPageRenderer
{
    private readonly string _host = options.Value.RenderHost;
    private readonly string _pathBase = options.Value.BasePath ?? string.Empty;

    public async Task<GenerationResult> RenderAsync(PageDescriptor page, string path, Func<byte[], Revalidate, IReadOnlyList<string>, GenerationResult> pageResult, CancellationToken cancellationToken)
    {
        var app = await pipeline.Built.WaitAsync(cancellationToken);
        var render = new IsrRender(isActive: true);
        using var response = new IsolatedResponse();
        var context = contexts.Create(Features(path, response, render, cancellationToken));
        try
        {
            try
            {
                await app(context);
                await response.FinishAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new PageGenerationException(page, path, GenerationStage.Render, exception);
            }

            return Result(page, path, context, response, render, pageResult);
        }
        finally
        {
            contexts.Dispose(context);
        }
    }

    private FeatureCollection Features(string path, IsolatedResponse response, IsrRender render, CancellationToken cancellationToken)
    {
        var headers = new HeaderDictionary
        {
            [HeaderNames.Host] = _host,
            [HeaderNames.Accept] = "text/html",
            [HeaderNames.UserAgent] = "IsrBuild",
        };
        var request = new IsolatedRequest
        {
            Method = HttpMethods.Get,
            Scheme = "https",
            Protocol = "HTTP/1.1",
            PathBase = _pathBase,
            Path = path,
            QueryString = string.Empty,
            RawTarget = _pathBase + path,
            Headers = headers,
        };
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "isr-render",
            LocalIpAddress = IPAddress.Loopback,
            RemoteIpAddress = IPAddress.Loopback,
        });
        features.Set(render);
        return features;
    }

    private static GenerationResult Result(PageDescriptor page, string path, HttpContext context, IsolatedResponse response, IsrRender render, Func<byte[], Revalidate, IReadOnlyList<string>, GenerationResult> pageResult)
    {
        var settings = page.Settings ?? new IsrAttribute();
        var revalidate = render.Interval ?? settings.Interval;
        if (response.Headers.SetCookie.Count > 0)
        {
            var names = string.Join(", ", response.Headers.SetCookie.Select(cookie => cookie?.Split('=', 2)[0]));
            throw new PageGenerationException(page, path, GenerationStage.Render, new NotStoredException(
                $"the answer sets a cookie ({names}), and a page that sets one is never stored: its cookie would reach every visitor. A form's antiforgery token or a session does this.",
                setsCookie: true));
        }

        switch (response.StatusCode)
        {
            case StatusCodes.Status200OK:
                List<string> tags = [.. settings.Tags];
                tags.AddRange(render.Tags.Where(tag => !tags.Contains(tag, StringComparer.Ordinal)));
                return pageResult(response.Content, revalidate, StaticProps.ValidateTags(tags));
            case StatusCodes.Status404NotFound:
                return new GenerationResult.NotFound(revalidate);
            case StatusCodes.Status301MovedPermanently or StatusCodes.Status302Found or StatusCodes.Status307TemporaryRedirect or StatusCodes.Status308PermanentRedirect
                when response.Headers.Location.ToString() is { Length: > 0 } location:
                return new GenerationResult.Redirect(location, response.StatusCode, revalidate);
        }

        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = $"the app answered {response.StatusCode}; only 200, 404 and redirects (301, 302, 307, 308) are stored.";
        throw new PageGenerationException(page, path, GenerationStage.Render, error is null
            ? new NotStoredException(problem)
            : new NotStoredException(problem + $" It handled {error.GetType().Name}: {error.Message}", innerException: error));
    }
}
