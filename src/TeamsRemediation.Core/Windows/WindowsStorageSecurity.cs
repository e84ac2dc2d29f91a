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
    /// ACL; a descriptor is read (GetSecurityInfo) and set (SetSecurityInfo) on a handle to the object at the path itself,
    /// never through a junction or symbolic link there (<see cref="UnfollowedHandle"/>), and written out as SDDL.
    /// </summary>
    public sealed class WindowsStorageSecurity : IStorageSecurity
    {
        private const int SddlRevision1 = 1;
        private const int SeFileObject = 1;
        private const int OwnerSecurityInformation = 0x1;
        private const int DaclSecurityInformation = 0x4;
        private const int ProtectedDaclSecurityInformation = unchecked((int)0x80000000);

        public void CreateFolder(string path, string sddl)
        {
            using (var descriptor = Descriptor(sddl))
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
                    throw Failure(error, "Creating " + path + " was refused: ", "Could not create " + path + ": ");
                }
            }
        }

        public void Protect(string path, string sddl)
        {
            using (var descriptor = Descriptor(sddl))
            {
                if (!NativeMethods.GetSecurityDescriptorOwner(descriptor.Pointer, out var owner, out _)
                    || !NativeMethods.GetSecurityDescriptorDacl(descriptor.Pointer, out var present, out var dacl, out _) || !present)
                {
                    throw new ArgumentException("The security descriptor " + sddl + " names no owner or no DACL.", nameof(sddl));
                }

                // Setting the owner to Administrators works for an elevated administrator and for SYSTEM: the group is in
                // their tokens with SE_GROUP_OWNER (sdk-api aclapi SetNamedSecurityInfoW, "Remarks"). Set on a handle opened
                // without following a reparse point, so a link swapped in at the path is refused, never re-permissioned through.
                using (var handle = UnfollowedHandle.Open(path, NativeMethods.ReadControl | NativeMethods.WriteDac | NativeMethods.WriteOwner))
                {
                    var error = NativeMethods.SetSecurityInfo(handle, SeFileObject,
                        OwnerSecurityInformation | DaclSecurityInformation | ProtectedDaclSecurityInformation, owner, IntPtr.Zero, dacl, IntPtr.Zero);
                    if (error != 0)
                    {
                        throw Failure(error, "Setting the owner and ACL of " + path + " was refused: ",
                            "Could not set the owner and ACL of " + path + ": ");
                    }
                }
            }
        }

        public string ReadSddl(string path)
        {
            // The descriptor of the object at the path itself: GetNamedSecurityInfoW would follow a junction to its target.
            using (var handle = UnfollowedHandle.Open(path, NativeMethods.ReadControl))
            {
                return Describe(handle, path);
            }
        }

        /// <summary>Owner and DACL of what the handle is open on (GetSecurityInfo), as SDDL.</summary>
        private static string Describe(KernelHandle handle, string path)
        {
            var error = NativeMethods.GetSecurityInfo(handle, SeFileObject, OwnerSecurityInformation | DaclSecurityInformation, out _, out _, out _,
                out _, out var descriptor);
            if (error != 0)
            {
                throw Failure(error, "Reading the owner and ACL of " + path + " was refused: ", "Could not read the owner and ACL of " + path + ": ");
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

        public StoredFile ReadFile(string path, long maximumBytes)
        {
            KernelHandle handle;
            NativeMethods.ByHandleFileInformation information;
            try
            {
                handle = UnfollowedHandle.Open(path, NativeMethods.ReadControl | NativeMethods.FileGenericRead, out information);
            }
            catch (IOException e) when (e.InnerException is Win32Exception win32
                && (win32.NativeErrorCode == NativeMethods.ErrorFileNotFound || win32.NativeErrorCode == NativeMethods.ErrorPathNotFound))
            {
                throw new FileNotFoundException(path + " does not exist.", path, e);
            }

            using (handle)
            {
                var sddl = Describe(handle, path);
                var directory = (information.FileAttributes & NativeMethods.FileAttributeDirectory) != 0;
                var length = ((long)information.FileSizeHigh << 32) | information.FileSizeLow;
                if (directory || length > maximumBytes)
                {
                    return new StoredFile(sddl, directory, length, null);
                }

                // Read through the same handle (a FileStream that does not own it): the length is bounded again by what is read.
                using (var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(handle.DangerousGetHandle(), false),
                    FileAccess.Read))
                {
                    var content = new byte[length];
                    var read = 0;
                    int chunk;
                    while (read < content.Length && (chunk = stream.Read(content, read, content.Length - read)) > 0)
                    {
                        read += chunk;
                    }

                    if (read < content.Length)
                    {
                        Array.Resize(ref content, read);
                    }

                    return new StoredFile(sddl, false, length, content);
                }
            }
        }

        /// <summary>Access denied as UnauthorizedAccessException (callers treat it as "not allowed"), anything else as IOException.</summary>
        private static Exception Failure(int error, string refused, string failed)
        {
            var reason = new Win32Exception(error).Message;
            return error == NativeMethods.ErrorAccessDenied
                ? new UnauthorizedAccessException(refused + reason)
                : (Exception)new IOException(failed + reason, error);
        }

        private static LocalAllocHandle Descriptor(string sddl)
        {
            if (!NativeMethods.ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SddlRevision1, out var descriptor, IntPtr.Zero))
            {
                throw new ArgumentException("Not a security descriptor: " + sddl + " ("
                    + new Win32Exception(Marshal.GetLastWin32Error()).Message + ")", nameof(sddl));
            }

            return descriptor;
        }
    }
}
