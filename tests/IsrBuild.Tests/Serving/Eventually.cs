namespace IsrBuild.Tests.Serving;

/// <summary>Waits, bounded, for something that happens in the background.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {because}.");
            }

            await Task.Delay(20);
        }
    }
}
