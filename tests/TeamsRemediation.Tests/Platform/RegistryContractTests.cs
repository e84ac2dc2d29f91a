using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// What every <see cref="IRegistry"/> must do, run against the simulated registry everywhere and against the real
    /// one on Windows. Each test writes only below its own scratch key.
    /// </summary>
    public abstract class RegistryContractTests : IDisposable
    {
        protected abstract IRegistry Registry { get; }

        /// <summary>A key of this test alone, in the 64-bit view, that does not exist yet.</summary>
        protected abstract RegistryKeyPath Scratch { get; }

        public abstract void Dispose();

        public static IEnumerable<object[]> ValuesOfEveryKind()
        {
            yield return new object[] { "dword", RegistryValue.DWord(1), typeof(uint) };
            yield return new object[] { "dword-zero", RegistryValue.DWord(0), typeof(uint) };
            yield return new object[] { "qword", RegistryValue.QWord(0x1122334455667788UL), typeof(ulong) };
            yield return new object[] { "qword-max", RegistryValue.QWord(ulong.MaxValue), typeof(ulong) };
            yield return new object[] { "sz", RegistryValue.String("Zürich ✓ C:\\Users"), typeof(string) };
            yield return new object[] { "sz-empty", RegistryValue.String(string.Empty), typeof(string) };
            yield return new object[] { "sz-long", RegistryValue.String(new string('x', 20000)), typeof(string) };
            yield return new object[] { "expand", RegistryValue.ExpandString("%LOCALAPPDATA%\\Microsoft\\Teams"), typeof(string) };
            yield return new object[] { "binary", RegistryValue.Binary(new byte[] { 0, 1, 0xFE, 0xFF, 0 }), typeof(byte[]) };
            yield return new object[] { "binary-empty", RegistryValue.Binary(new byte[0]), typeof(byte[]) };
            yield return new object[] { "multi", RegistryValue.MultiString(new[] { "one", "two", "Zürich" }), typeof(string[]) };
            yield return new object[] { "multi-inner-empty", RegistryValue.MultiString(new[] { "a", string.Empty, "b" }), typeof(string[]) };
            yield return new object[] { "multi-none", RegistryValue.MultiString(new string[0]), typeof(string[]) };
        }

        [ContractFact]
        public void AbsentKeyReadsAsAbsent()
        {
            var missing = Child("missing\\deeper");

            Assert.False(Registry.KeyExists(missing));
            Assert.Null(Registry.GetValue(missing, "Anything"));
            Assert.Empty(Registry.GetSubKeyNames(missing));
            Assert.Empty(Registry.GetValueNames(missing));
        }

        [ContractFact]
        public void AbsentValueInExistingKeyReadsAsNull()
        {
            Registry.SetValue(Scratch, "Present", RegistryValue.DWord(1));

            Assert.Null(Registry.GetValue(Scratch, "Absent"));
            Assert.Null(Registry.GetValue(Scratch, "Presen"));
        }

        // One fact over every kind rather than a theory: the theory attribute would be shared by the Windows subclass
        // and could not be skipped off Windows per class.
        [ContractFact]
        public void EveryKindRoundTripsWithItsExactType()
        {
            foreach (var row in ValuesOfEveryKind())
            {
                var name = (string)row[0];
                var value = (RegistryValue)row[1];
                var clrType = (Type)row[2];

                Registry.SetValue(Scratch, name, value);
                var read = Registry.GetValue(Scratch, name);

                Assert.True(read != null, name + ": nothing read back");
                Assert.True(value.Kind == read!.Kind, name + ": wrote " + value.Kind + ", read " + read.Kind);
                Assert.True(clrType == read.Data.GetType(), name + ": data is " + read.Data.GetType() + ", expected " + clrType);
                Assert.True(value.Equals(read), name + ": wrote " + value + ", read " + read);
            }
        }

        [ContractFact]
        public void DWordAllOnesStaysAnUnsignedValue()
        {
            Registry.SetValue(Scratch, "Enabled", RegistryValue.DWord(0xFFFFFFFF));

            var read = Registry.GetValue(Scratch, "Enabled");

            Assert.Equal(RegistryValueKind.DWord, read!.Kind);
            Assert.Equal(0xFFFFFFFFu, Assert.IsType<uint>(read.Data));
            Assert.Equal(0xFFFFFFFFu, read.AsDWord);
        }

        [ContractFact]
        public void RewritingAValueWithAnotherKindReplacesTheKind()
        {
            // The peer bug this guards against: "1" written as REG_SZ where Windows reads a REG_DWORD.
            Registry.SetValue(Scratch, "SchUseStrongCrypto", RegistryValue.String("1"));
            Registry.SetValue(Scratch, "SchUseStrongCrypto", RegistryValue.DWord(1));

            var read = Registry.GetValue(Scratch, "SchUseStrongCrypto");

            Assert.Equal(RegistryValue.DWord(1), read);
            Assert.Null(read!.AsString);
        }

        [ContractFact]
        public void WritingCreatesTheWholeMissingPath()
        {
            var deep = Child("a\\b\\c");

            Registry.SetValue(deep, "Value", RegistryValue.DWord(7));

            Assert.True(Registry.KeyExists(Child("a")));
            Assert.True(Registry.KeyExists(Child("a\\b")));
            Assert.True(Registry.KeyExists(deep));
            Assert.Equal(7u, Registry.GetValue(deep, "Value")!.AsDWord);
        }

        [ContractFact]
        public void DeletingRemovesOnlyThatValue()
        {
            Registry.SetValue(Scratch, "Gone", RegistryValue.DWord(1));
            Registry.SetValue(Scratch, "Kept", RegistryValue.DWord(2));

            Registry.DeleteValue(Scratch, "Gone");

            Assert.Null(Registry.GetValue(Scratch, "Gone"));
            Assert.Equal(2u, Registry.GetValue(Scratch, "Kept")!.AsDWord);
            Assert.True(Registry.KeyExists(Scratch));
        }

        [ContractFact]
        public void DeletingAnAbsentValueOrAValueOfAnAbsentKeyIsNoError()
        {
            Registry.SetValue(Scratch, "Other", RegistryValue.DWord(1));

            Registry.DeleteValue(Scratch, "NeverWritten");
            Registry.DeleteValue(Child("no\\such\\key"), "NeverWritten");

            Assert.False(Registry.KeyExists(Child("no")));
            Assert.Equal(new[] { "Other" }, Registry.GetValueNames(Scratch));
        }

        [ContractFact]
        public void ListsSubKeyAndValueNames()
        {
            Registry.SetValue(Child("Alpha"), "x", RegistryValue.DWord(1));
            Registry.SetValue(Child("Beta\\Nested"), "y", RegistryValue.DWord(1));
            Registry.SetValue(Scratch, "First", RegistryValue.String("1"));
            Registry.SetValue(Scratch, "Second", RegistryValue.DWord(2));

            Assert.Equal(new[] { "Alpha", "Beta" }, Registry.GetSubKeyNames(Scratch).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            Assert.Equal(new[] { "First", "Second" }, Registry.GetValueNames(Scratch).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
            Assert.Equal(new[] { "Nested" }, Registry.GetSubKeyNames(Child("Beta")));
        }

        [ContractFact]
        public void KeyAndValueNamesAreCaseInsensitive()
        {
            Registry.SetValue(Scratch, "DisabledByDefault", RegistryValue.DWord(0));

            Assert.Equal(0u, Registry.GetValue(Scratch.WithView(RegistryView.Registry64), "disabledbydefault")!.AsDWord);
            Assert.True(Registry.KeyExists(new RegistryKeyPath(Scratch.Hive, Scratch.Path.ToUpperInvariant())));
        }

        /// <summary>
        /// Below HKEY_USERS nothing is redirected, so both views are one key. Windows shares the views there (only
        /// HKLM\SOFTWARE and a few other keys are redirected): this is the view behaviour the real registry can be
        /// checked for without writing to HKLM.
        /// </summary>
        [ContractFact]
        public void ViewsAreOneKeyBelowHkeyUsers()
        {
            Registry.SetValue(Scratch.WithView(RegistryView.Registry32), "WrittenIn32", RegistryValue.DWord(32));
            Registry.SetValue(Scratch.WithView(RegistryView.Registry64), "WrittenIn64", RegistryValue.DWord(64));

            Assert.Equal(32u, Registry.GetValue(Scratch.WithView(RegistryView.Registry64), "WrittenIn32")!.AsDWord);
            Assert.Equal(64u, Registry.GetValue(Scratch.WithView(RegistryView.Registry32), "WrittenIn64")!.AsDWord);
        }

        protected RegistryKeyPath Child(string relative) => new RegistryKeyPath(Scratch.Hive, Scratch.Path + "\\" + relative, Scratch.View);
    }

    public sealed class SimulatedRegistryContractTests : RegistryContractTests
    {
        private readonly SimulatedRegistry registry = new SimulatedRegistry();

        protected override IRegistry Registry => registry;

        protected override RegistryKeyPath Scratch { get; } =
            new RegistryKeyPath(RegistryHive.Users, @"S-1-5-21-1000-2000-3000-1001\Software\TeamsRemediationTests-" + Guid.NewGuid().ToString("N"));

        public override void Dispose()
        {
        }

        [Fact]
        public void ViewsAreSeparateBelowHklmSoftware()
        {
            var key64 = new RegistryKeyPath(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\.NETFramework\v4.0.30319", RegistryView.Registry64);
            var key32 = key64.WithView(RegistryView.Registry32);

            registry.SetValue(key64, "SchUseStrongCrypto", RegistryValue.DWord(1));

            Assert.Null(registry.GetValue(key32, "SchUseStrongCrypto"));
            Assert.False(registry.KeyExists(key32));

            registry.SetValue(key32, "SchUseStrongCrypto", RegistryValue.DWord(0));

            Assert.Equal(1u, registry.GetValue(key64, "SchUseStrongCrypto")!.AsDWord);
            Assert.Equal(0u, registry.GetValue(key32, "SchUseStrongCrypto")!.AsDWord);
            Assert.Equal(0u, registry.GetValue(new RegistryKeyPath(RegistryHive.LocalMachine,
                @"SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319"), "SchUseStrongCrypto")!.AsDWord);
        }

        [Fact]
        public void DeniedKeySurfacesAsUnauthorizedAccess()
        {
            registry.SetValue(Scratch, "Value", RegistryValue.DWord(1));
            registry.DenyAccess(Scratch);

            Assert.Throws<UnauthorizedAccessException>(() => registry.GetValue(Scratch, "Value"));
            Assert.Throws<UnauthorizedAccessException>(() => registry.SetValue(Scratch, "Value", RegistryValue.DWord(2)));
        }
    }

    /// <summary>
    /// The real registry, in a scratch key below the caller's own HKEY_USERS\&lt;SID&gt;\Software, which every user may
    /// write without elevation. HKLM is never written by tests.
    /// </summary>
    [WindowsOnlyContract]
    public sealed class WindowsRegistryContractTests : RegistryContractTests
    {
        private readonly WindowsRegistry registry = new WindowsRegistry();
        private readonly Lazy<RegistryKeyPath> scratch = new Lazy<RegistryKeyPath>(() =>
            new RegistryKeyPath(RegistryHive.Users, WindowsMachine.Local.Users.GetCurrentIdentity().Sid + @"\Software\TeamsRemediationTests-"
                + Guid.NewGuid().ToString("N")));

        protected override IRegistry Registry => registry;

        protected override RegistryKeyPath Scratch => scratch.Value;

        public override void Dispose()
        {
            if (scratch.IsValueCreated)
            {
                registry.DeleteKeyTree(scratch.Value);
            }
        }

        [WindowsFact]
        public void ScratchKeyIsGoneAfterCleanup()
        {
            registry.SetValue(Scratch, "Value", RegistryValue.DWord(1));

            registry.DeleteKeyTree(Scratch);

            Assert.False(registry.KeyExists(Scratch));
        }

        /// <summary>Read-only proof that the two views reach different keys below HKLM\SOFTWARE on 64-bit Windows.</summary>
        [WindowsFact(WineGap = "a wine64-only prefix has no 32-bit half: ProgramFilesDir is missing from the 32-bit view.")]
        public void ViewsAreSeparateBelowHklmSoftware()
        {
            Assert.True(Environment.Is64BitOperatingSystem, "This check is meaningful only on 64-bit Windows.");
            var key = new RegistryKeyPath(RegistryHive.LocalMachine, @"SOFTWARE\Microsoft\Windows\CurrentVersion");

            var in64 = registry.GetValue(key.WithView(RegistryView.Registry64), "ProgramFilesDir")!.AsString;
            var in32 = registry.GetValue(key.WithView(RegistryView.Registry32), "ProgramFilesDir")!.AsString;

            // The known folders, not %ProgramW6432%: the test process points that at its own Program Files for the shipped
            // scripts (Support/ProgramFilesModule.cs). The test host is a 64-bit process, whose ProgramFiles is the 64-bit one.
            Assert.True(Environment.Is64BitProcess, "The test host is expected to be a 64-bit process.");
            Assert.Equal(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), in64, ignoreCase: true);
            Assert.Equal(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFilesX86), in32, ignoreCase: true);
            Assert.NotEqual(in64, in32, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The same proof by writing: one value name, two keys. HKLM is written, so only in a Wine prefix.</summary>
        [WineFact]
        public void WritesInTheTwoViewsBelowHklmSoftwareLandInTwoKeys()
        {
            var key = new RegistryKeyPath(RegistryHive.LocalMachine, @"SOFTWARE\TeamsRemediationTests-" + Guid.NewGuid().ToString("N"));
            try
            {
                registry.SetValue(key.WithView(RegistryView.Registry64), "SchUseStrongCrypto", RegistryValue.DWord(64));
                registry.SetValue(key.WithView(RegistryView.Registry32), "SchUseStrongCrypto", RegistryValue.DWord(32));

                Assert.Equal(64u, registry.GetValue(key.WithView(RegistryView.Registry64), "SchUseStrongCrypto")!.AsDWord);
                Assert.Equal(32u, registry.GetValue(key.WithView(RegistryView.Registry32), "SchUseStrongCrypto")!.AsDWord);
                var redirected = new RegistryKeyPath(RegistryHive.LocalMachine, @"SOFTWARE\WOW6432Node\" + key.Path.Substring(9));
                Assert.Equal(32u, registry.GetValue(redirected, "SchUseStrongCrypto")!.AsDWord);
            }
            finally
            {
                registry.DeleteKeyTree(key.WithView(RegistryView.Registry64));
                registry.DeleteKeyTree(key.WithView(RegistryView.Registry32));
            }
        }
    }
}
