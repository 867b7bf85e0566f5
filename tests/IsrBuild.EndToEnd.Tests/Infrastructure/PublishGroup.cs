namespace IsrBuild.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Every test that publishes belongs here: publishes of one project share its obj/ folder and two cores,
/// so they run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishGroup : ICollectionFixture<PublishedSample>, ICollectionFixture<PublishedTestSite>, ICollectionFixture<PackedIsrBuild>, ICollectionFixture<PublishedComponentsSample>
{
    public const string Name = "Publish";
}
