using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// TPM Base Services (tbs.dll, part of Windows since Vista; sdk-api tbs/nf-tbs-tbsi_context_create, nf-tbs-tbsip_submit_command,
    /// nf-tbs-tbsip_context_close, ns-tbs-tbs_context_params2), declared from tbs.h.
    /// </summary>
    internal static partial class NativeMethods
    {
        /// <summary>TPM_VERSION_20: the version field of TBS_CONTEXT_PARAMS2.</summary>
        internal const uint TbsContextVersionTwo = 2;

        /// <summary>TBS_CONTEXT_PARAMS2 includeTpm20 (bit 2 after requestRaw and includeTpm12): talk to a TPM 2.0 only.</summary>
        internal const uint TbsIncludeTpm20 = 1u << 2;

        internal const uint TbsCommandLocalityZero = 0;
        internal const uint TbsCommandPriorityNormal = 200;

        internal const uint TbsSuccess = 0;
        internal const uint TbsTpmNotFound = 0x8028400F;
        internal const uint TbsServiceNotRunning = 0x80284008;
        internal const uint TbsServiceDisabled = 0x80284010;
        internal const uint TbsServiceStartPending = 0x8028400B;
        internal const uint TbsInsufficientBuffer = 0x80284005;

        [StructLayout(LayoutKind.Sequential)]
        internal struct TbsContextParams2
        {
            public uint Version;
            public uint Flags;
        }

        [DllImport("tbs.dll", ExactSpelling = true)]
        internal static extern uint Tbsi_Context_Create(ref TbsContextParams2 contextParams, out IntPtr context);

        [DllImport("tbs.dll", ExactSpelling = true)]
        internal static extern uint Tbsip_Submit_Command(IntPtr context, uint locality, uint priority, byte[] command, uint commandLength,
            byte[] result, ref uint resultLength);

        [DllImport("tbs.dll", ExactSpelling = true)]
        internal static extern uint Tbsip_Context_Close(IntPtr context);
    }
}
