namespace IsrBuild.Generation;

/// <summary>Which step of generating a page failed.</summary>
internal enum GenerationStage
{
    StaticPaths,
    StaticProps,
    Render,
}
