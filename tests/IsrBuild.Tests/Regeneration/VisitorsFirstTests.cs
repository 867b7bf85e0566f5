using IsrBuild.Regeneration;
using Microsoft.Extensions.Options;

namespace IsrBuild.Tests.Regeneration;

/// <summary>
/// Visitors first: while pages are being answered, a background regeneration waits off the processor time the ones
/// before it took; with nobody visiting it never waits.
/// </summary>
public sealed class VisitorsFirstTests : IDisposable
{
    private readonly RegenerationPace _pace = new(Options.Create(new IsrOptions()));

    public void Dispose() => _pace.Dispose();

    [Fact]
    public async Task WithNobodyVisiting_ABackgroundRegenerationNeverWaits()
    {
        _pace.Rendered(TimeSpan.FromSeconds(10));

        var turn = _pace.WaitAsync(CancellationToken.None);

        Assert.True(turn.IsCompletedSuccessfully);
        await turn;
    }

    [Fact]
    public async Task WhileVisitorsAreAnswered_TheNextRegenerationWaits_AndGoesOnOnceTheyLeave()
    {
        _pace.VisitorServed();
        _pace.Rendered(TimeSpan.FromSeconds(10));

        var turn = _pace.WaitAsync(CancellationToken.None).AsTask();
        for (var i = 0; i < 10; i++)
        {
            _pace.VisitorServed();
            await Task.Delay(50);
        }

        Assert.False(turn.IsCompleted, "a regeneration went ahead while visitors were answered, right after 10 s of renders");
        await turn.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
