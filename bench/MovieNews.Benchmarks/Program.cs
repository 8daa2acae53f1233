using BenchmarkDotNet.Running;
using MovieNews.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(ModerationBenchmarks).Assembly).Run(args);
