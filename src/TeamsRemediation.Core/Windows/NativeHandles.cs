using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TeamsRemediation.Windows
{
    /// <summary>An HKEY opened by RegOpenKeyExW or RegCreateKeyExW; never one of the predefined roots, which must not be closed.</summary>
    internal sealed class RegistryKeyHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        // The marshaller creates the instance for out parameters, so a parameterless constructor must exist.
        public RegistryKeyHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => NativeMethods.RegCloseKey(handle) == NativeMethods.ErrorSuccess;
    }

    /// <summary>A kernel object handle (process, token, Toolhelp snapshot). OpenProcess fails with NULL and CreateToolhelp32Snapshot with
    /// INVALID_HANDLE_VALUE: this base treats both as invalid.</summary>
    internal sealed class KernelHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public KernelHandle()
            : base(ownsHandle: true)
        {
        }

        protected override bool ReleaseHandle() => NativeMethods.CloseHandle(handle);
    }

    /// <summary>Memory that ConvertSidToStringSidW and ConvertStringSidToSidW allocate for the caller, freed with LocalFree.</summary>
    internal sealed class LocalAllocHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public LocalAllocHandle()
            : base(ownsHandle: true)
        {
        }

        public IntPtr Pointer => handle;

        protected override bool ReleaseHandle() => NativeMethods.LocalFree(handle) == IntPtr.Zero;
    }

    /// <summary>Memory that the WTS functions allocate, freed with WTSFreeMemory.</summary>
    internal sealed class WtsMemoryHandle : SafeHandleZeroOrMinusOneIsInvalid
    {
        public WtsMemoryHandle()
            : base(ownsHandle: true)
        {
        }

        public IntPtr Pointer => handle;

        protected override bool ReleaseHandle()
        {
            NativeMethods.WTSFreeMemory(handle);
            return true;
        }
    }
}
