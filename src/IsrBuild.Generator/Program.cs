// The generator process: the MSBuild task runs it under the site's own dependency context (its .deps.json and
// .runtimeconfig.json), so it loads the site and the site's copy of IsrBuild, whose publishing code does the work.
return await IsrBuild.Publishing.IsrGenerator.RunAsync(args);
