using IsrBuild.Regeneration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsrBuild.Tests.Regeneration;

/// <summary>
/// Visitors first: while pages are being answered, a background regeneration waits off the processor time the ones
/// before it took; with nobody visiting it never waits.
/// </summary>
public sealed class VisitorsFirstTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RegenerationPace _pace;

    public VisitorsFirstTests() => _pace = new RegenerationPace(Options.Create(new IsrOptions()), _clock);

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
        var waitedWhileVisited = !turn.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(waitedWhileVisited, "a regeneration went ahead while visitors were answered, right after 10 s of renders");
        await turn.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
