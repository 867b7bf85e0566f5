namespace IsrBuild.Serving;

/// <summary>The rest of the page request pipeline, from one step's point of view.</summary>
internal delegate Task PageRequestDelegate(PageRequest request);
