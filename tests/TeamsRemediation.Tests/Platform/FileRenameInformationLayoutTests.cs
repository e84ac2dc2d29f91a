using System;
using System.Runtime.InteropServices;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The FILE_RENAME_INFORMATION a folder handle's move hands to NtSetInformationFile, byte by byte, against the ntifs.h layout:
    /// a wrong offset or a buffer shorter than sizeof plus the name's bytes (what the old code passed) is a rename Windows may
    /// refuse or read past. Plain memory, so it runs everywhere, in the 64- and in a 32-bit process alike.
    /// </summary>
    public sealed class FileRenameInformationLayoutTests
    {
        [Fact]
        public void TheFieldsSitWhereNtifsPutsThemAndTheBufferHoldsSizeofPlusTheName()
        {
            var x64 = IntPtr.Size == 8;
            var root = new IntPtr(0x1234);

            using var info = new FileRenameInformation(root, "7f3a_0");

            Assert.Equal(x64 ? 8 : 4, FileRenameInformation.RootDirectoryOffset);
            Assert.Equal(x64 ? 16 : 8, FileRenameInformation.FileNameLengthOffset);
            Assert.Equal(x64 ? 20 : 12, FileRenameInformation.FileNameOffset);
            Assert.Equal(x64 ? 24 : 16, FileRenameInformation.StructSize);
            Assert.Equal(FileRenameInformation.StructSize + "7f3a_0".Length * 2, info.Length);
            Assert.Equal(0, Marshal.ReadInt32(info.Buffer));
            Assert.Equal(root, Marshal.ReadIntPtr(info.Buffer + FileRenameInformation.RootDirectoryOffset));
            Assert.Equal("7f3a_0".Length * 2, Marshal.ReadInt32(info.Buffer + FileRenameInformation.FileNameLengthOffset));
            Assert.Equal("7f3a_0", Marshal.PtrToStringUni(info.Buffer + FileRenameInformation.FileNameOffset));
            Assert.Equal(0, Marshal.ReadInt16(info.Buffer + FileRenameInformation.FileNameOffset + "7f3a_0".Length * 2));
        }

        [Fact]
        public void AOneLetterNameStillFillsTheWholeStructure()
        {
            using var info = new FileRenameInformation(IntPtr.Zero, "g");

            Assert.Equal(FileRenameInformation.StructSize + 2, info.Length);
            Assert.True(info.Length > FileRenameInformation.FileNameOffset + 2, info.Length + " bytes");
        }
    }
}
