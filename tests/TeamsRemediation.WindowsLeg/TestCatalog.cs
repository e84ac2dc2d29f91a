using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// The tests of the Windows leg: every public test class of the namespaces that hold the platform contracts and
    /// the engine-hosted Windows tests. Skip reasons are read the way xunit reads them (the fact's Skip, and for a
    /// contract fact the class it runs in), all before the first test runs.
    /// </summary>
    public static class TestCatalog
    {
        /// <summary>Namespaces whose classes hold only tests that mean something on Windows.</summary>
        public static readonly string[] Namespaces = { "TeamsRemediation.Tests.Platform", "TeamsRemediation.Tests.Windows" };

        public static IReadOnlyList<CompiledTest> Discover(Assembly assembly)
        {
            var tests = new List<CompiledTest>();
            var classes = assembly.GetExportedTypes()
                .Where(t => t.IsClass && !t.IsAbstract && Namespaces.Contains(t.Namespace))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in classes)
            {
                var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => m.GetCustomAttribute<FactAttribute>(inherit: true) != null)
                    .OrderBy(m => m.MetadataToken);
                foreach (var method in methods)
                {
                    var fact = method.GetCustomAttribute<FactAttribute>(inherit: true)!;
                    var skip = SkipReason(type, fact);
                    var name = type.Name + "." + method.Name;
                    if (fact is TheoryAttribute)
                    {
                        var rows = method.GetCustomAttributes<DataAttribute>(inherit: true).SelectMany(d => d.GetData(method)).ToList();
                        foreach (var row in rows)
                        {
                            tests.Add(new CompiledTest(name + "(" + string.Join(", ", row.Select(Show)) + ")", type, method, row, skip));
                        }
                    }
                    else
                    {
                        tests.Add(new CompiledTest(name, type, method, new object[0], skip));
                    }
                }
            }

            return tests;
        }

        private static string? SkipReason(Type type, FactAttribute fact)
        {
            if (!string.IsNullOrEmpty(fact.Skip))
            {
                return fact.Skip;
            }

            if (fact is TeamsRemediation.Tests.Platform.ContractFactAttribute)
            {
                return TeamsRemediation.Tests.Platform.ContractSkip.For(type);
            }

            return null;
        }

        private static string Show(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string text:
                    return "\"" + text.Replace("\0", "\\0") + "\"";
                case Array array:
                    return "[" + string.Join(", ", array.Cast<object?>().Select(Show)) + "]";
                default:
                    return value.ToString() ?? string.Empty;
            }
        }
    }
}
