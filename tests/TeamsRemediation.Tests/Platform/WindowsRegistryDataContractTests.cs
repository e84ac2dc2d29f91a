using System.Text;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The byte layout WindowsRegistry reads and writes, checked on any OS: the advapi32 calls need Windows, the
    /// conversion between REG_* data and typed values does not. Covers data other writers leave behind (strings
    /// without their NUL, odd sizes) that the module's own writes never produce.
    /// </summary>
    public sealed class WindowsRegistryDataContractTests
    {
        [Fact]
        public void DWordIsFourLittleEndianBytesReadAsUnsigned()
        {
            var (type, data) = WindowsRegistry.Encode(RegistryValue.DWord(0xFFFFFFFF));

            Assert.Equal(4, type);
            Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, data);
            Assert.Equal(0xFFFFFFFFu, Assert.IsType<uint>(RegistryValueDecoder.Decode(4, data, 4).Data));
            Assert.Equal(0x800u, RegistryValueDecoder.Decode(4, new byte[] { 0x00, 0x08, 0x00, 0x00 }, 4).AsDWord);
        }

        [Fact]
        public void QWordIsEightBytes()
        {
            var (type, data) = WindowsRegistry.Encode(RegistryValue.QWord(0x0102030405060708UL));

            Assert.Equal(11, type);
            Assert.Equal(new byte[] { 8, 7, 6, 5, 4, 3, 2, 1 }, data);
            Assert.Equal(RegistryValue.QWord(0x0102030405060708UL), RegistryValueDecoder.Decode(11, data, 8));
        }

        [Fact]
        public void DWordOfTheWrongSizeIsShownAsItsBytesNotGuessed()
        {
            var read = RegistryValueDecoder.Decode(4, new byte[] { 1, 0 }, 2);

            Assert.Equal(RegistryValueKind.Binary, read.Kind);
            Assert.Null(read.AsDWord);
        }

        [Fact]
        public void StringsAreWrittenWithTheirTerminator()
        {
            var (type, data) = WindowsRegistry.Encode(RegistryValue.String("ab"));

            Assert.Equal(1, type);
            Assert.Equal(new byte[] { (byte)'a', 0, (byte)'b', 0, 0, 0 }, data);
            Assert.Equal(2, WindowsRegistry.Encode(RegistryValue.ExpandString("x")).Type);
        }

        [Fact]
        public void StringWithoutTerminatorOrWithTrailingGarbageReadsUpToItsEnd()
        {
            var bare = Encoding.Unicode.GetBytes("Teams");
            var padded = Encoding.Unicode.GetBytes("Teams\0junk");

            Assert.Equal("Teams", RegistryValueDecoder.Decode(1, bare, bare.Length).AsString);
            Assert.Equal("Teams", RegistryValueDecoder.Decode(1, padded, padded.Length).AsString);
            Assert.Equal("Teams", RegistryValueDecoder.Decode(1, Append(bare, 0x41), bare.Length + 1).AsString);
            Assert.Equal(RegistryValue.ExpandString("%TEMP%"), RegistryValueDecoder.Decode(2, Encoding.Unicode.GetBytes("%TEMP%\0"), 14));
        }

        [Fact]
        public void BufferLargerThanTheDataIsCutAtTheReportedLength()
        {
            var buffer = new byte[64];
            Encoding.Unicode.GetBytes("abc\0").CopyTo(buffer, 0);
            buffer[20] = 0x41;

            Assert.Equal("abc", RegistryValueDecoder.Decode(1, buffer, 8).AsString);
            Assert.Equal(new byte[] { (byte)'a', 0, (byte)'b' }, (byte[])RegistryValueDecoder.Decode(3, buffer, 3).Data);
        }

        [Theory]
        [InlineData("one\0two\0\0", new[] { "one", "two" })]
        [InlineData("one\0two\0", new[] { "one", "two" })]
        [InlineData("one\0two", new[] { "one", "two" })]
        [InlineData("a\0\0b\0\0", new[] { "a", "", "b" })]
        [InlineData("\0", new string[0])]
        [InlineData("\0\0", new string[0])]
        [InlineData("", new string[0])]
        public void MultiStringToleratesMissingTerminators(string stored, string[] expected)
        {
            var bytes = Encoding.Unicode.GetBytes(stored);

            Assert.Equal(expected, (string[])RegistryValueDecoder.Decode(7, bytes, bytes.Length).Data);
        }

        [Fact]
        public void MultiStringIsWrittenWithDoubleTerminator()
        {
            var (type, data) = WindowsRegistry.Encode(RegistryValue.MultiString(new[] { "a", "b" }));

            Assert.Equal(7, type);
            Assert.Equal(Encoding.Unicode.GetBytes("a\0b\0\0"), data);
            Assert.Equal(Encoding.Unicode.GetBytes("\0"), WindowsRegistry.Encode(RegistryValue.MultiString(new string[0])).Data);
        }

        [Fact]
        public void UnknownTypesAreKeptAsBytes()
        {
            var read = RegistryValueDecoder.Decode(0, new byte[] { 9, 8 }, 2);

            Assert.Equal(RegistryValue.Binary(new byte[] { 9, 8 }), read);
        }

        private static byte[] Append(byte[] bytes, byte extra)
        {
            var longer = new byte[bytes.Length + 1];
            bytes.CopyTo(longer, 0);
            longer[bytes.Length] = extra;
            return longer;
        }
    }
}
