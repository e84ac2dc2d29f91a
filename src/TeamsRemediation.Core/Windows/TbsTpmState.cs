using System;
using System.Globalization;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The TPM's lockout state through TPM Base Services: one TPM2_GetCapability for the TPM's own properties, the values Get-Tpm shows
    /// as LockedOut and LockoutCount. Chosen over WMI's Win32_Tpm (IsLockedOut, GetDictionaryAttackParameters), which needs
    /// System.Management (a dll the module would have to ship) or the calling PowerShell session (not there in the core, nor in a
    /// user's session task), and needs elevation; tbs.dll is part of every Windows since Vista, and TBS lets any caller send
    /// TPM2_GetCapability (it is not on Windows' list of blocked TPM commands). A TPM 1.2 is not asked (its commands differ): Windows
    /// answers TBS_E_TPM_NOT_FOUND for a TPM 2.0 context, and the check relies on the System log's event 1026 there.
    /// </summary>
    public sealed class TbsTpmState : ITpmState
    {
        public TpmLockoutState ReadLockout()
        {
            try
            {
                var parameters = new NativeMethods.TbsContextParams2
                {
                    Version = NativeMethods.TbsContextVersionTwo,
                    Flags = NativeMethods.TbsIncludeTpm20,
                };
                var created = NativeMethods.Tbsi_Context_Create(ref parameters, out var context);
                if (created == NativeMethods.TbsTpmNotFound)
                {
                    return TpmLockoutState.Absent("TBS_E_TPM_NOT_FOUND");
                }

                if (created != NativeMethods.TbsSuccess)
                {
                    return TpmLockoutState.Unreadable("TPM Base Services refused a context: " + Describe(created) + ".");
                }

                try
                {
                    var command = Tpm2LockoutQuery.Command();
                    var response = new byte[Tpm2LockoutQuery.MaximumResponse];
                    var length = (uint)response.Length;
                    var sent = NativeMethods.Tbsip_Submit_Command(context, NativeMethods.TbsCommandLocalityZero,
                        NativeMethods.TbsCommandPriorityNormal, command, (uint)command.Length, response, ref length);
                    if (sent != NativeMethods.TbsSuccess)
                    {
                        return TpmLockoutState.Unreadable("TPM Base Services did not pass TPM2_GetCapability on: " + Describe(sent) + ".");
                    }

                    return Tpm2LockoutQuery.Parse(response, (int)Math.Min(length, (uint)response.Length));
                }
                finally
                {
                    NativeMethods.Tbsip_Context_Close(context);
                }
            }
            catch (DllNotFoundException)
            {
                return TpmLockoutState.Unreadable("tbs.dll (TPM Base Services) is not on this system.");
            }
            catch (EntryPointNotFoundException e)
            {
                return TpmLockoutState.Unreadable("tbs.dll lacks " + e.Message);
            }
        }

        private static string Describe(uint code)
        {
            var hex = "0x" + code.ToString("X8", CultureInfo.InvariantCulture);
            switch (code)
            {
                case NativeMethods.TbsServiceNotRunning:
                    return "TBS_E_SERVICE_NOT_RUNNING (" + hex + "), the TPM Base Services service is not running";
                case NativeMethods.TbsServiceDisabled:
                    return "TBS_E_SERVICE_DISABLED (" + hex + "), the TPM Base Services service is disabled";
                case NativeMethods.TbsServiceStartPending:
                    return "TBS_E_SERVICE_START_PENDING (" + hex + "), the service is still starting";
                case NativeMethods.TbsInsufficientBuffer:
                    return "TBS_E_INSUFFICIENT_BUFFER (" + hex + ")";
                default:
                    return hex;
            }
        }
    }
}
