using System;
using TeamsRemediation.FileSystem;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>The \\?\ forms of "Maximum Path Length Limitation": a drive path gets \\?\, a UNC path \\?\UNC\, a short path nothing.</summary>
    public sealed class ExtendedLengthPathTests
    {
        private static readonly string Deep = string.Join(@"\", new string('a', 100), new string('b', 100), new string('c', 100));

        [Fact]
        public void AShortPathIsLeftAsItIs()
        {
            Assert.Equal(@"C:\Users\alice\AppData", ExtendedLengthPath.For(@"C:\Users\alice\AppData"));
            var justUnder = @"C:\" + new string('x', ExtendedLengthPath.Threshold - 4);
            Assert.Equal(justUnder, ExtendedLengthPath.For(justUnder));
        }

        [Fact]
        public void ALongDrivePathGetsThePrefixFromTheThresholdOn()
        {
            var atThreshold = @"C:\" + new string('x', ExtendedLengthPath.Threshold - 3);

            Assert.Equal(@"\\?\" + atThreshold, ExtendedLengthPath.For(atThreshold));
            Assert.Equal(@"\\?\C:\Users\" + Deep, ExtendedLengthPath.For(@"C:\Users\" + Deep));
        }

        [Fact]
        public void ALongUncPathGetsTheUncPrefixWithoutItsLeadingBackslashes()
        {
            Assert.Equal(@"\\?\UNC\files\profiles$\" + Deep, ExtendedLengthPath.For(@"\\files\profiles$\" + Deep));
        }

        [Fact]
        public void AnAlreadyPrefixedPathIsNotPrefixedTwice()
        {
            var prefixed = @"\\?\C:\Users\" + Deep;

            Assert.Equal(prefixed, ExtendedLengthPath.For(prefixed));
        }

        [Fact]
        public void ALongRelativePathIsRefusedBecauseThePrefixWouldStopItsNormalization()
        {
            var error = Assert.Throws<ArgumentException>(() => ExtendedLengthPath.For(@"Users\" + Deep));

            Assert.Contains("Only a full path", error.Message);
        }
    }
}
