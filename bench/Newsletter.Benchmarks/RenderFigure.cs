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
        if (args.Length > 0 && args[0] == "interleaved")
        {
            return Interleaved();
        }

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

    /// <summary>
    /// <c>render interleaved</c>: the four rows in turn, 100 renders each, 300 rounds, and each row's median per render.
    /// BenchmarkDotNet runs one row after the other, so on a machine whose load changes by the minute its ratios drift;
    /// taking the rows in turn puts every row under the same load, which is what a ratio needs.
    /// </summary>
    private static int Interleaved()
    {
        var bench = new RenderBenchmarks();
        bench.Setup();
        var rows = new (string Name, Func<int> Render)[]
        {
            (nameof(RenderBenchmarks.EditionRenderer), () => bench.EditionRenderer().GetAwaiter().GetResult()),
            (nameof(RenderBenchmarks.FluidEngine), bench.FluidEngine),
            (nameof(RenderBenchmarks.HandlebarsNet), bench.HandlebarsNet),
            (nameof(RenderBenchmarks.ScribanEngine), bench.ScribanEngine),
        };
        // Whether the project's path completes on the calling thread: a render that goes asynchronous pays a thread-pool hop.
        var wentAsync = 0;
        for (var i = 0; i < 1000; i++)
        {
            var task = bench.EditionRenderer();
            wentAsync += task.IsCompleted ? 0 : 1;
            task.GetAwaiter().GetResult();
        }

        var times = rows.Select(_ => new List<double>()).ToArray();
        for (var round = -20; round < 300; round++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var i = 0; i < 100; i++)
                {
                    rows[r].Render();
                }

                if (round >= 0)
                {
                    times[r].Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 100);
                }
            }
        }

        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        var fastest = Enumerable.Range(1, rows.Length - 1).MinBy(r => medians[r]);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            figure = "render_ratio_interleaved",
            fluid_whole_path_us = Math.Round(medians[0], 2),
            fluid_engine_us = Math.Round(medians[1], 2),
            handlebars_us = Math.Round(medians[2], 2),
            scriban_us = Math.Round(medians[3], 2),
            fastest_engine = rows[fastest].Name,
            whole_path_vs_fastest = Math.Round(medians[0] / medians[fastest], 2),
            fluid_engine_vs_fastest = Math.Round(medians[1] / medians[fastest], 2),
            whole_path_vs_fluid_engine = Math.Round(medians[0] / medians[1], 2),
            whole_path_async_of_1000 = wentAsync,
            // A row that slows down as it goes (state kept between renders) shows here: first 20 rounds against the last 20.
            first_rounds_us = times.Select(t => Math.Round(t.Take(20).Order().ElementAt(10), 1)).ToArray(),
            last_rounds_us = times.Select(t => Math.Round(t.TakeLast(20).Order().ElementAt(10), 1)).ToArray(),
        }));
        return 0;
    }
}
