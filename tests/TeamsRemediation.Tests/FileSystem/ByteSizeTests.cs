using TeamsRemediation.FileSystem;
using Xunit;

namespace TeamsRemediation.Tests.FileSystem
{
    /// <summary>Sizes in text: something small that is there never reads as zero.</summary>
    public sealed class ByteSizeTests
    {
        [Theory]
        [InlineData(0L, "0.0 MB")]
        [InlineData(30L, "less than 0.1 MB")]
        [InlineData(52428L, "less than 0.1 MB")]
        [InlineData(52429L, "0.1 MB")]
        [InlineData(48L * 1048576, "48.0 MB")]
        public void MegabytesSayLessThanATenthRatherThanZeroForAFewBytes(long bytes, string expected)
        {
            Assert.Equal(expected, ByteSize.Megabytes(bytes));
        }

        [Theory]
        [InlineData(0L, "0 bytes")]
        [InlineData(1L, "1 byte")]
        [InlineData(1023L, "1023 bytes")]
        [InlineData(1024L, "1 KB")]
        [InlineData(1048576L, "1024 KB")]
        public void KilobytesCountTheBytesBelowOne(long bytes, string expected)
        {
            Assert.Equal(expected, ByteSize.Kilobytes(bytes));
        }
    }
}
