using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IsrBuild.Drafts;

/// <summary>
/// The draft-mode cookie: its value is protected by ASP.NET Core Data Protection (encrypted and signed, so it cannot
/// be forged or read) and holds its own expiry and the optional draft data. A cookie that does not unprotect, or has
/// expired, is treated as absent: the visitor gets the published page, never an error.
/// </summary>
/// <remarks>
/// Several hosts must share their Data Protection keys and application name (<c>PersistKeysTo...</c>,
/// <c>SetApplicationName</c>) for a cookie set by one to be read by the others.
/// </remarks>
internal sealed class DraftModeCookie(IDataProtectionProvider protection, TimeProvider timeProvider, IOptions<IsrOptions> options)
{
    public const string Name = "__isr_draft";

    /// <summary>The most characters of draft data a cookie may carry, which keeps it under browsers' 4 KB.</summary>
    public const int MaxDataLength = 1024;

    private readonly IDataProtector _protector = protection.CreateProtector("IsrBuild.DraftMode.v1");
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.DraftModeSeconds);

    /// <summary>Turns draft mode on for the browser that made <paramref name="context"/>'s request.</summary>
    public void Enable(HttpContext context, string? data)
    {
        var expires = timeProvider.GetUtcNow() + _lifetime;
        var payload = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + data;
        context.Response.Cookies.Append(Name, _protector.Protect(payload), CookieOptions(context, expires));
    }

    /// <summary>Turns draft mode off: the browser drops the cookie.</summary>
    public static void Disable(HttpContext context) => context.Response.Cookies.Delete(Name, CookieOptions(context, expires: null));

    /// <summary>Whether the request carries a valid draft-mode cookie, and the data it was turned on with.</summary>
    public bool TryRead(HttpRequest request, out string? data)
    {
        data = null;

        // Most requests carry no cookie; those that do are parsed only when this one's name is among them.
        var header = request.Headers.Cookie;
        if (header.Count == 0 || !header.ToString().Contains(Name, StringComparison.Ordinal)
            || !request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var split = payload.IndexOf('|', StringComparison.Ordinal);
        if (split < 0 || !long.TryParse(payload.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return false;
        }

        data = split == payload.Length - 1 ? null : payload[(split + 1)..];
        return true;
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires)
    {
        // Over HTTPS SameSite=None lets a CMS show the draft in a preview frame, as Next.js's cookie allows.
        var secure = context.Request.IsHttps;
        return new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = secure ? SameSiteMode.None : SameSiteMode.Lax,
            Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
            Expires = expires,
            IsEssential = true,
        };
    }
}
