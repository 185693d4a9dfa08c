using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Newsletter.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
