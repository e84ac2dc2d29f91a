using System;
using System.Linq;
using TeamsRemediation.Benchmarks;

// Ratio benchmarks, each against a reference doing the same work in the same run. One verb per benchmark:
//   cache-delete [--files N] [--memory [--memory-files N]] [--smoke]   CacheTreeRemover vs rm -rf
if (args.FirstOrDefault() == "cache-delete")
{
    return CacheDeleteBenchmark.Run(args.Skip(1).ToArray());
}

if (args.FirstOrDefault() == "cache-delete-child")
{
    return CacheDeleteBenchmark.RunChild(args.Skip(1).ToArray());
}

Console.Error.WriteLine("Usage: TeamsRemediation.Benchmarks cache-delete [--files 100000] [--memory] [--smoke]");
return 2;
