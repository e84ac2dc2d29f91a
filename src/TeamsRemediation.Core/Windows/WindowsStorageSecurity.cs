using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// Owners and DACLs through advapi32: a folder is created with its security descriptor in the same call
    /// (CreateDirectoryW with SECURITY_ATTRIBUTES), so there is no moment in which it carries the inherited, looser
    /// ACL; a descriptor is read with GetNamedSecurityInfoW and written out as SDDL.
    /// </summary>
    public sealed class WindowsStorageSecurity : IStorageSecurity
    {
        private const int SddlRevision1 = 1;
        private const int SeFileObject = 1;
        private const int OwnerSecurityInformation = 0x1;
        private const int DaclSecurityInformation = 0x4;

        public void CreateFolder(string path, string sddl)
        {
            if (!NativeMethods.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SddlRevision1, out var descriptor, IntPtr.Zero))
            {
                throw new ArgumentException("Not a security descriptor: " + sddl + " ("
                    + new Win32Exception(Marshal.GetLastWin32Error()).Message + ")", nameof(sddl));
            }

            using (descriptor)
            {
                var attributes = new NativeMethods.SecurityAttributes
                {
                    Length = Marshal.SizeOf(typeof(NativeMethods.SecurityAttributes)),
                    SecurityDescriptor = descriptor.Pointer,
                    InheritHandle = false,
                };
                if (!NativeMethods.CreateDirectoryW(path, ref attributes))
                {
                    var error = Marshal.GetLastWin32Error();
                    throw error == NativeMethods.ErrorAccessDenied
                        ? new UnauthorizedAccessException("Creating " + path + " was refused: " + new Win32Exception(error).Message)
                        : (Exception)new IOException("Could not create " + path + ": " + new Win32Exception(error).Message, error);
                }
            }
        }

        public string ReadSddl(string path)
        {
            var error = NativeMethods.GetNamedSecurityInfoW(
                path, SeFileObject, OwnerSecurityInformation | DaclSecurityInformation, out _, out _, out _, out _, out var descriptor);
            if (error != 0)
            {
                throw error == NativeMethods.ErrorAccessDenied
                    ? new UnauthorizedAccessException("Reading the owner and ACL of " + path + " was refused: " + new Win32Exception(error).Message)
                    : (Exception)new IOException("Could not read the owner and ACL of " + path + ": " + new Win32Exception(error).Message, error);
            }

            using (descriptor)
            {
                if (!NativeMethods.ConvertSecurityDescriptorToStringSecurityDescriptorW(
                    descriptor.Pointer, SddlRevision1, OwnerSecurityInformation | DaclSecurityInformation, out var text, IntPtr.Zero))
                {
                    throw new IOException("Could not describe the ACL of " + path + ": " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
                }

                using (text)
                {
                    return Marshal.PtrToStringUni(text.Pointer) ?? string.Empty;
                }
            }
        }
    }
}
