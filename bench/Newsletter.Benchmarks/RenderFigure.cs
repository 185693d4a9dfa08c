using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Newsletter.Benchmarks;

/// <summary>
/// <c>render [short]</c>: runs <see cref="RenderBenchmarks"/> and prints one JSON line with each row's mean and
/// allocation and the project's path against the fastest engine (the goal: within 1.2x), for <c>bench/run-all.sh</c>.
/// </summary>
internal static class RenderFigure
{
    public static int Run(string[] args)
    {
        // In process: the ratio is what is asked for, and it needs no generated project built under a loaded machine.
        var job = (args.Length > 0 && args[0] == "short" ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "newsletter-bench-render"))
            .WithOptions(ConfigOptions.DisableLogFile)
            .AddJob(job);

        var summary = BenchmarkRunner.Run<RenderBenchmarks>(config);
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => (
                MeanUs: r.ResultStatistics!.Mean / 1000,
                AllocatedKB: (r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0) / 1024.0));
        if (!rows.TryGetValue(nameof(RenderBenchmarks.EditionRenderer), out var path) || rows.Count < 4)
        {
            Console.Error.WriteLine("render: some benchmarks did not produce a result");
            return 1;
        }

        var fastest = rows.Where(r => r.Key != nameof(RenderBenchmarks.EditionRenderer)).MinBy(r => r.Value.MeanUs);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            figure = "render_ratio",
            fluid_whole_path_us = Math.Round(path.MeanUs, 2),
            fluid_engine_us = Math.Round(rows[nameof(RenderBenchmarks.FluidEngine)].MeanUs, 2),
            handlebars_us = Math.Round(rows[nameof(RenderBenchmarks.HandlebarsNet)].MeanUs, 2),
            scriban_us = Math.Round(rows[nameof(RenderBenchmarks.ScribanEngine)].MeanUs, 2),
            fluid_whole_path_kb = Math.Round(path.AllocatedKB, 1),
            fluid_engine_kb = Math.Round(rows[nameof(RenderBenchmarks.FluidEngine)].AllocatedKB, 1),
            handlebars_kb = Math.Round(rows[nameof(RenderBenchmarks.HandlebarsNet)].AllocatedKB, 1),
            fastest_engine = fastest.Key,
            whole_path_vs_fastest = Math.Round(path.MeanUs / fastest.Value.MeanUs, 2),
            fluid_engine_vs_fastest = Math.Round(rows[nameof(RenderBenchmarks.FluidEngine)].MeanUs / fastest.Value.MeanUs, 2),
        }));
        return 0;
    }
}
