using System;
using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>A fact that needs the real Windows APIs; reported as skipped, with the reason, everywhere else.</summary>
    public sealed class WindowsFactAttribute : FactAttribute
    {
        public WindowsFactAttribute()
        {
            if (!OperatingSystem.IsWindows())
            {
                Skip = "Needs Windows: it calls the real Windows API.";
            }
        }
    }

    /// <summary>A fact that needs a POSIX shell and /proc (process ids written by /bin/sh).</summary>
    public sealed class LinuxFactAttribute : FactAttribute
    {
        public LinuxFactAttribute()
        {
            if (!OperatingSystem.IsLinux())
            {
                Skip = "Needs Linux: it drives /bin/sh and reads /proc.";
            }
        }
    }

    /// <summary>Marks a contract test class whose subject exists only on Windows.</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class WindowsOnlyContractAttribute : Attribute
    {
    }

    /// <summary>
    /// A fact declared once in an abstract contract class and run for every implementation. The attribute on the base
    /// method is shared by all subclasses, so whether to skip is decided per test class: a class marked
    /// <see cref="WindowsOnlyContractAttribute"/> is skipped off Windows, every other class runs.
    /// </summary>
    [XunitTestCaseDiscoverer("TeamsRemediation.Tests.Platform.ContractFactDiscoverer", "TeamsRemediation.Tests")]
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class ContractFactAttribute : FactAttribute
    {
    }

    public sealed class ContractFactDiscoverer : IXunitTestCaseDiscoverer
    {
        private readonly IMessageSink diagnostics;

        public ContractFactDiscoverer(IMessageSink diagnostics)
        {
            this.diagnostics = diagnostics;
        }

        public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        {
            yield return new ContractTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
        }
    }

    public sealed class ContractTestCase : XunitTestCase
    {
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public ContractTestCase()
        {
        }

        public ContractTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
            : base(diagnostics, display, displayOptions, testMethod)
        {
        }

        // Recomputed from the class after de-serialization too, so discovery and execution always agree.
        protected override string GetSkipReason(IAttributeInfo factAttribute)
        {
            var windowsOnly = TestMethod.TestClass.Class.GetCustomAttributes(typeof(WindowsOnlyContractAttribute)).GetEnumerator().MoveNext();
            if (windowsOnly && !OperatingSystem.IsWindows())
            {
                return "Needs Windows: " + TestMethod.TestClass.Class.Name + " tests the real Windows implementation.";
            }

            return base.GetSkipReason(factAttribute);
        }
    }
}
