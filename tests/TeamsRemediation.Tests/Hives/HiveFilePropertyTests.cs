using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using TeamsRemediation.Hives;
using Xunit;

namespace TeamsRemediation.Tests.Hives
{
    /// <summary>
    /// NTUSER.DAT is the user's file, so the parser meets whatever bytes the user writes: valid hives with random bytes flipped and
    /// cut short either read or are refused with <see cref="HiveNotReadableException"/>, nothing else, and every run finishes.
    /// </summary>
    public sealed class HiveFilePropertyTests
    {
        private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

        private static readonly string[] Keys =
        {
            @"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders", "Environment", "Values", @"Many\Key099", "Grüße",
            "日本語", "Missing",
        };

        /// <summary>
        /// Up to 40 changes, each a random byte or a 32-bit word at a 4-aligned place (where cell sizes, offsets and counts sit) set
        /// to a value at an edge (0, -1, the extremes, a size just past the bins, a small cell offset); the file cut at a random length
        /// half the time; the checksum fixed up half the time, so the damage reaches the cells instead of stopping at the base block.
        /// </summary>
        private static Gen<byte[]> Damaged(byte[] hive)
        {
            var edges = Gen.Elements(0, -1, int.MinValue, int.MaxValue, 0x7FFFFFF0, hive.Length - 4096, hive.Length - 4096 - 8, -8, 8, 32,
                0x20, unchecked((int)0x80000004));
            var word = from at in Gen.Choose(0, (hive.Length - 4) / 4) from value in Gen.OneOf(edges, Gen.Choose(-4096, 4096))
                select (At: at * 4, Bytes: BitConverter.GetBytes(value));
            var single = from at in Gen.Choose(0, hive.Length - 1) from value in Gen.Choose(0, 255)
                select (At: at, Bytes: new[] { (byte)value });
            return from changes in Gen.ListOf(Gen.OneOf(word, single))
                from few in Gen.Choose(1, 40)
                from cut in Gen.OneOf(Gen.Constant(hive.Length), Gen.Choose(0, hive.Length))
                from fixChecksum in Gen.Elements(true, false)
                select Apply(hive, changes.Take(few), cut, fixChecksum);
        }

        private static byte[] Apply(byte[] hive, System.Collections.Generic.IEnumerable<(int At, byte[] Bytes)> changes, int cut,
            bool fixChecksum)
        {
            var bytes = (byte[])hive.Clone();
            foreach (var (at, value) in changes)
            {
                value.CopyTo(bytes, at);
            }

            if (fixChecksum)
            {
                HiveBuilder.WithChecksum(bytes);
            }

            return bytes.Take(cut).ToArray();
        }

        private static bool ReadsOrIsRefused(byte[] bytes)
        {
            try
            {
                var hive = HiveFile.Parse(bytes);
                foreach (var key in Keys)
                {
                    try
                    {
                        Assert.NotNull(hive.ReadValues(key));
                    }
                    catch (HiveNotReadableException)
                    {
                        // One damaged key does not stop the others from being tried.
                    }
                }

                return true;
            }
            catch (HiveNotReadableException)
            {
                return true;
            }
        }

        [Fact]
        public void AUserShellFoldersHiveDamagedAnyWayReadsOrIsRefused() =>
            Check.One(Runs, Prop.ForAll(Damaged(HiveFileTests.FixtureBytes("ntuser.hive")).ToArbitrary(), ReadsOrIsRefused));

        [Fact]
        public void AHiveWithBigDataAndLongListsDamagedAnyWayReadsOrIsRefused() =>
            Check.One(Runs, Prop.ForAll(Damaged(HiveFileTests.FixtureBytes("values.hive")).ToArbitrary(), ReadsOrIsRefused));
    }
}
