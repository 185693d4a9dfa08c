using BenchmarkDotNet.Running;
using Newsletter.Benchmarks;

// dotnet run -c Release --project bench/Newsletter.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- dispatch [readers]
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- render [short]   (RenderBenchmarks as one JSON line, bench/run-all.sh)
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- nesting [depth...]
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- import [releases] [parallelism]
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- storage [rows]
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- readers-import [rows]
// dotnet run -c Release --project bench/Newsletter.Benchmarks -- upload <base-url> <member-id> <api-key> [releases] [concurrency]  (bench/upload-latency.sh)
if (args.Length > 0 && args[0] == "dispatch")
{
    return await DispatchBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "storage")
{
    return await StorageBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "import")
{
    return await ImportBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "readers-import")
{
    return await ReaderImportBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "upload")
{
    return await UploadBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "render")
{
    return RenderFigure.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "nesting")
{
    return NestingBench.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
