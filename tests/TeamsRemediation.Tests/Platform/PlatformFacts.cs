using System;
using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// A fact that needs the real Windows APIs; reported as skipped, with the reason, everywhere else. A fact that
    /// needs what Wine does not implement names the gap in <see cref="WineGap"/>: it is skipped under Wine with that
    /// reason and runs on Windows.
    /// </summary>
    public class WindowsFactAttribute : FactAttribute
    {
        private string? skip;

        /// <summary>What Wine lacks that this fact needs; null when Wine is enough.</summary>
        public string? WineGap { get; set; }

        public override string? Skip
        {
            get
            {
                if (skip != null)
                {
                    return skip;
                }

                if (!OperatingSystem.IsWindows())
                {
                    return "Needs Windows: it calls the real Windows API.";
                }

                return WineGapSkip.For(WineGap);
            }

            set => skip = value;
        }
    }

    /// <summary>
    /// A fact that changes the machine it runs on for real (HKLM, a user profile, processes): it runs only under Wine,
    /// whose prefix is a throwaway PC made for the test run, never on a developer's or a user's Windows.
    /// </summary>
    public sealed class WineFactAttribute : WindowsFactAttribute
    {
        public override string? Skip
        {
            get => base.Skip ?? (Wine.IsRunning ? null
                : "Needs a throwaway Windows: it changes HKLM and a user profile, so it runs only in a Wine prefix (.ci/wine).");
            set => base.Skip = value;
        }
    }

    /// <summary>
    /// A fact about WOW64: it needs a 32-bit process on 64-bit Windows (Intune's default host), which the Windows leg's win-x86 run
    /// under Wine is. With <see cref="ChangesTheMachine"/> it writes HKLM and so runs only in a Wine prefix, as <see cref="WineFactAttribute"/>.
    /// </summary>
    public sealed class Wow64FactAttribute : WindowsFactAttribute
    {
        /// <summary>True when the fact writes HKLM or a profile: then only a throwaway Wine prefix may run it.</summary>
        public bool ChangesTheMachine { get; set; }

        public override string? Skip
        {
            get => base.Skip
                ?? (IntPtr.Size == 4 && Environment.Is64BitOperatingSystem ? null
                    : "Needs a 32-bit process on 64-bit Windows: it runs in the Windows leg's win-x86 run (.ci/wine).")
                ?? (!ChangesTheMachine || Wine.IsRunning ? null
                    : "Needs a throwaway Windows: it changes HKLM, so it runs only in a Wine prefix (.ci/wine).");
            set => base.Skip = value;
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
        private string? skip;

        /// <summary>What fails under Wine for every implementation of this fact; null when Wine is enough.</summary>
        public string? WineGap { get; set; }

        public override string? Skip
        {
            get => skip ?? WineGapSkip.For(WineGap);
            set => skip = value;
        }
    }

    /// <summary>The one rule of a Wine gap: skipped under Wine with the gap named, run everywhere else.</summary>
    public static class WineGapSkip
    {
        public static string? For(string? wineGap)
        {
            // TEAMSREMEDIATION_WINE_GAPS=run runs them anyway, to see whether a newer Wine has closed the gap.
            var runGaps = Environment.GetEnvironmentVariable("TEAMSREMEDIATION_WINE_GAPS") == "run";
            return wineGap != null && Wine.IsRunning && !runGaps ? "Wine gap: " + wineGap : null;
        }
    }

    /// <summary>A fact that cannot run under Wine (named in <see cref="WineGap"/>), and runs everywhere else.</summary>
    public sealed class NotUnderWineFactAttribute : FactAttribute
    {
        public NotUnderWineFactAttribute(string wineGap)
        {
            Skip = WineGapSkip.For(wineGap);
        }
    }

    public sealed class ContractFactDiscoverer : IXunitTestCaseDiscoverer
    {
        private readonly IMessageSink diagnostics;

        public ContractFactDiscoverer(IMessageSink diagnostics)
        {
            this.diagnostics = diagnostics;
        }

        public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
            IAttributeInfo factAttribute)
        {
            yield return new ContractTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
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
            return ContractSkip.For(TestMethod.TestClass.Class.ToRuntimeType()) ?? base.GetSkipReason(factAttribute);
        }
    }

    /// <summary>Whether a contract test class runs here; shared by xunit and the Windows leg's own runner.</summary>
    public static class ContractSkip
    {
        public static string? For(Type testClass)
        {
            var windowsOnly = testClass.GetCustomAttributes(typeof(WindowsOnlyContractAttribute), inherit: false).Length > 0;
            return windowsOnly && !OperatingSystem.IsWindows()
                ? "Needs Windows: " + testClass.Name + " tests the real Windows implementation."
                : null;
        }
    }
}
