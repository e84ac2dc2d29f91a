using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>Reading owners and DACLs from SDDL: what decides whether SYSTEM trusts a journal.</summary>
    public sealed class StorageAccessTests
    {
        private const string Users = "S-1-5-32-545";
        private const string Alice = "S-1-5-21-1004336348-1177238915-682003330-1001";

        [Fact]
        public void ProgramDataAsWindowsShipsItLetsUsersAddEntriesButNotReplaceThem()
        {
            var access = StorageAccess.FromSddl(SimulatedStorageSecurity.ProgramData);

            Assert.Equal(WellKnownSids.LocalSystem, access.OwnerSid);
            Assert.Equal(new[] { Users }, access.Holders(StorageAccess.WriteRights));
            Assert.Empty(access.Holders(StorageAccess.ReplaceRights));
            Assert.False(access.IsProtectedAgainst(StorageAccess.WriteRights));
        }

        [Fact]
        public void TheModuleFolderAndTheJournalFolderAreProtectedAgainstWhatEachMustNotAllow()
        {
            var module = StorageAccess.FromSddl(JournalStorage.ModuleFolderSddl);
            var journal = StorageAccess.FromSddl(JournalStorage.JournalFolderSddl);

            Assert.Equal("S-1-5-32-544", module.OwnerSid);
            // Users may list the module folder and add nothing: no folder SYSTEM writes in can be theirs.
            Assert.True(module.IsProtectedAgainst(StorageAccess.WriteRights));
            Assert.Equal(new[] { Users }, module.OthersRights.Keys);
            Assert.True(journal.IsProtectedAgainst(StorageAccess.WriteRights));
            Assert.Empty(journal.OthersRights);
        }

        [Fact]
        public void AUserOwnedFileIsNotProtectedEvenWithoutAnAceForTheUser()
        {
            var access = StorageAccess.FromSddl("O:" + Alice + "D:(A;;FA;;;SY)(A;;FA;;;BA)");

            Assert.False(access.OwnerIsAdministrative);
            Assert.False(access.IsProtectedAgainst(StorageAccess.WriteRights));
            Assert.Contains("owned by " + Alice, access.Describe(StorageAccess.WriteRights));
        }

        [Theory]
        [InlineData("O:BAD:NO_ACCESS_CONTROL")]
        [InlineData("O:BA")]
        [InlineData("O:BAD:(A;;ZZ;;;BU)")]
        [InlineData("O:BAD:(A;;0xNOPE;;;BU)")]
        [InlineData("O:BAD:(A;;FA;;BU)")]
        public void WhatCannotBeReadCountsAsWritable(string sddl)
        {
            Assert.False(StorageAccess.FromSddl(sddl).IsProtectedAgainst(StorageAccess.WriteRights));
        }

        [Fact]
        public void FlagsAreReadInPairsAndInheritOnlyEntriesAreNotTheObjects()
        {
            // "CIOI" is CI + OI (applies here); "OICIIO" is inherit-only (applies to children only).
            var applies = StorageAccess.FromSddl("O:SYD:(A;CIOI;0x2;;;" + Alice + ")");
            var childrenOnly = StorageAccess.FromSddl("O:SYD:(A;OICIIO;FA;;;" + Alice + ")");

            Assert.Equal(new[] { Alice }, applies.Holders(StorageAccess.WriteRights));
            Assert.True(childrenOnly.IsProtectedAgainst(StorageAccess.WriteRights));
        }

        [Fact]
        public void ADenyEntryNeverGrantsAndTrustedInstallerIsAdministrative()
        {
            const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1850103733-2299180599";
            var access = StorageAccess.FromSddl("O:" + TrustedInstaller + "D:(D;;FA;;;BU)(A;;FA;;;" + TrustedInstaller + ")");

            Assert.True(access.IsProtectedAgainst(StorageAccess.WriteRights));
        }
    }
}
