using Live.Benchmarks;

return await EntryPoint.RunAsync(args);
