using System;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Hives;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Hives
{
    /// <summary>
    /// The hive parser against hives written by an independent implementation (hivex; Fixtures/Hives/make-hives.sh made them and
    /// hivexml shows the same values), and against hand-built ones for the list shapes hivex never writes and for damaged files.
    /// </summary>
    public sealed class HiveFileTests
    {
        private const string UserShellFolders = @"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders";

        internal static byte[] FixtureBytes(string name) => File.ReadAllBytes(Fixture.Path(Path.Combine("Hives", name)));

        private static HiveFile Values => HiveFile.Parse(FixtureBytes("values.hive"));

        [Fact]
        public void EveryValueTypeReadsAsHivexWroteIt()
        {
            var values = Values.ReadValues("Values");

            Assert.Equal(9, values.Count);
            Assert.Equal(RegistryValue.String("default"), values[string.Empty]);
            Assert.Equal(RegistryValue.String("hello world"), values["Text"]);
            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\AppData\Roaming"), values["Expand"]);
            Assert.Equal(RegistryValue.DWord(0x12345678), values["Number"]);
            Assert.Equal(RegistryValue.QWord(0x0123456789abcdefUL), values["Big Number"]);

            // hivexml lists a third, empty string: it counts the list's terminating NUL as an entry; Windows (and the live adapter) do not.
            Assert.Equal(new[] { "a", "bc" }, (string[])values["List"].Data);
            Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, (byte[])values["Bytes"].Data);
            Assert.Empty((byte[])values["Empty"].Data);
            Assert.Equal(Enumerable.Range(0, 20000).Select(i => (byte)(i % 251)), (byte[])values["Large"].Data);
        }

        [Fact]
        public void KeysAndValuesAreFoundCaseInsensitivelyAsWindowsDoes()
        {
            var hive = Values;

            Assert.Equal(RegistryValue.DWord(99), hive.ReadValues(@"many\KEY099")["last"]);
            Assert.Equal(RegistryValue.String("hello world"), hive.ReadValues("VALUES")["TEXT"]);
        }

        [Fact]
        public void NamesOutsideAsciiReadInBothEncodings()
        {
            var hive = Values;

            // "Grüße" and "Größe" are stored one byte per character (Latin-1, the compressed-name flag); "日本語" and "名前" as UTF-16LE.
            var latin = hive.ReadValues("GRÜSSE".Replace("SS", "ß").ToLowerInvariant());
            Assert.Equal(RegistryValue.String("x"), latin["Wert"]);
            Assert.Equal(RegistryValue.DWord(7), latin["größe"]);
            Assert.Equal(RegistryValue.String("y"), hive.ReadValues("日本語")["名前"]);
        }

        [Fact]
        public void AMissingKeyIsEmptyNotAnError()
        {
            var hive = Values;

            Assert.Empty(hive.ReadValues(@"Values\Nope"));
            Assert.Empty(hive.ReadValues(@"Nope\Values"));
            Assert.Empty(hive.ReadValues(@"Many\Key100"));
        }

        [Fact]
        public void TheUserShellFoldersOfANewProfileReadAsTheirUnexpandedText()
        {
            var hive = HiveFile.Parse(FixtureBytes("ntuser.hive"));

            var folders = hive.ReadValues(UserShellFolders);

            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\AppData\Roaming"), folders["AppData"]);
            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\AppData\Local"), folders["Local AppData"]);
            Assert.Equal(RegistryValue.ExpandString(@"%USERPROFILE%\Desktop"), folders["Desktop"]);
            Assert.Equal(RegistryValue.ExpandString(@"\\server\home$\alice\Downloads"), folders["{374DE290-123F-4565-9164-39C4925E467B}"]);
            Assert.Equal(RegistryValue.String(@"\\server\home$\alice"), hive.ReadValues("Environment")["HOMESHARE"]);
        }

        /// <summary>Windows splits a long subkey list into an "ri" index of "li"/"lh" lists and stores data over 16344 bytes as "db"
        /// segments; hivex writes neither, so this hive is built cell by cell.</summary>
        [Fact]
        public void AnIndexOfListsAndBigDataSegmentsAreFollowed()
        {
            var b = new HiveBuilder();
            var big = Enumerable.Range(0, 40000).Select(i => (byte)(i % 253)).ToArray();
            var bigValue = b.Value("Blob", 3, big);
            var small = b.Value("Small", 4, BitConverter.GetBytes(42u));
            var inLi = b.Key("Alpha", valueCount: 2, valueList: b.Offsets(bigValue, small));
            var inLh = b.Key("Beta", valueCount: 1, valueList: b.Offsets(b.Value("Name", 1, Encoding.Unicode.GetBytes("b\0"))));
            var index = b.List("ri", b.List("li", inLi), b.List("lh", inLh));
            var hive = HiveFile.Parse(b.Build(b.Key("ROOT", subkeyCount: 2, subkeyList: index)));

            var alpha = hive.ReadValues("alpha");
            Assert.Equal(big, (byte[])alpha["Blob"].Data);
            Assert.Equal(RegistryValue.DWord(42), alpha["Small"]);
            Assert.Equal(RegistryValue.String("b"), hive.ReadValues("BETA")["Name"]);
        }

        [Fact]
        public void AHiveWithUnflushedChangesIsNotReadAndSaysWhy()
        {
            var bytes = FixtureBytes("ntuser.hive");
            BitConverter.GetBytes(BitConverter.ToUInt32(bytes, 4) + 1).CopyTo(bytes, 4);
            HiveBuilder.WithChecksum(bytes);

            var refused = Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(bytes));

            Assert.Contains("changes not yet written; Windows applies its logs on the next logon", refused.Reason);
        }

        [Fact]
        public void ADamagedBaseBlockChecksumIsNotRead()
        {
            var bytes = FixtureBytes("ntuser.hive");
            bytes[48] ^= 0x01;

            var refused = Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(bytes));

            Assert.Contains("checksum", refused.Reason);
        }

        [Fact]
        public void ATextFileIsNoHive()
        {
            var refused = Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(Encoding.ASCII.GetBytes("not a registry hive")));

            Assert.Contains("not a registry hive", refused.Reason);
        }

        [Fact]
        public void AnIndexThatContainsItselfIsRefusedNotWalkedForever()
        {
            var b = new HiveBuilder();
            var loop = b.List("ri", 0);
            var hive = b.Build(b.Key("ROOT", subkeyCount: 1, subkeyList: loop));

            // The "ri" names itself: patch its only entry to its own offset.
            BitConverter.GetBytes(loop).CopyTo(hive, 4096 + loop + 4 + 4);

            var refused = Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(hive).ReadValues("Anything"));
            Assert.Contains("loop", refused.Reason);
        }

        [Fact]
        public void ValueSizesAndCountsBeyondTheirCellsAreRefused()
        {
            var b = new HiveBuilder();
            var value = b.Value("Huge", 3, new byte[100]);
            var key = b.Key("K", valueCount: 1, valueList: b.Offsets(value));
            var hive = b.Build(b.Key("ROOT", subkeyCount: 1, subkeyList: b.List("lf", key)));

            var forged = (byte[])hive.Clone();
            BitConverter.GetBytes(0x7FFFFFF0).CopyTo(forged, 4096 + value + 4 + 4);
            Assert.Contains("bytes of data", Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(forged).ReadValues("K")).Reason);

            forged = (byte[])hive.Clone();
            BitConverter.GetBytes(5000).CopyTo(forged, 4096 + value + 4 + 4);
            Assert.Contains("does not fit", Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(forged).ReadValues("K")).Reason);

            forged = (byte[])hive.Clone();
            BitConverter.GetBytes(int.MaxValue).CopyTo(forged, 4096 + key + 4 + 36);
            Assert.Contains("value list", Assert.Throws<HiveNotReadableException>(() => HiveFile.Parse(forged).ReadValues("K")).Reason);
        }
    }
}
