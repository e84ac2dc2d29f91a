using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TeamsRemediation.Codes
{
    /// <summary>
    /// The TPM's HRESULTs in sign-in evidence. Windows puts TPM errors in two facilities (winerror.h): FACILITY_TPM_SERVICES (0x28:
    /// TPM_E_* and TBS_E_*, 0x8028xxxx) and FACILITY_TPM_SOFTWARE (0x29: TPMAPI_E_*, 0x8029xxxx). No PRT is issued without a
    /// usable TPM key, and NTE_BAD_KEYSET (80090016, in <see cref="CodeCatalog"/>) is what the key store answers when that key is gone.
    /// Kept apart from the sign-in catalog on purpose: no repair rung answers a TPM code, so none may read it as a broker or cache cause.
    /// </summary>
    public static class TpmCodes
    {
        public const string KeysetMissing = "80090016";

        private static readonly Regex TpmPattern = new Regex(@"(?<![0-9A-Za-z-])(?:0x)?(802[89][0-9A-F]{4})(?![0-9A-Za-z-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Source: Microsoft's Win32_Tpm ResetAuthLockOut reference (return codes and the lockout error it names).
        private static readonly Dictionary<string, string> Known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["80280803"] = "TPM_E_DEFEND_LOCK_RUNNING: the TPM is in dictionary-attack lockout and refuses commands",
            ["80280001"] = "TPM_E_AUTHFAIL: a TPM authorization value was wrong (each failure counts towards lockout)",
            [KeysetMissing] = "NTE_BAD_KEYSET: the key (TPM or Windows Hello) does not exist",
        };

        /// <summary>The TPM codes and NTE_BAD_KEYSET in a text, upper case without 0x, in order of first appearance.</summary>
        public static IReadOnlyList<string> Extract(string text)
        {
            var found = new List<string>();
            if (string.IsNullOrEmpty(text))
            {
                return found;
            }

            foreach (Match m in TpmPattern.Matches(text))
            {
                Add(found, m.Groups[1].Value.ToUpperInvariant());
            }

            foreach (var code in CodeCatalog.Extract(text))
            {
                if (code == KeysetMissing)
                {
                    Add(found, code);
                }
            }

            return found;
        }

        /// <summary>"80280803 (TPM_E_DEFEND_LOCK_RUNNING: ...)", or the facility's name for a code not in the table.</summary>
        public static string Describe(string code) => code + " (" + (Known.TryGetValue(code, out var meaning) ? meaning
            : int.Parse(code.Substring(3, 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == 8
                ? "a TPM_E_ or TBS_E_ error of the TPM services" : "a TPMAPI_E_ error of the TPM software stack") + ")";

        private static void Add(List<string> found, string code)
        {
            if (!found.Contains(code))
            {
                found.Add(code);
            }
        }
    }
}
