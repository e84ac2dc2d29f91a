using System;
using System.Globalization;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Tls
{
    /// <summary>What the repair decided for one value: leave it, or write <see cref="NewValue"/>.</summary>
    public sealed class TlsRepairDecision
    {
        private TlsRepairDecision(TlsChangeAction action, RegistryValue? newValue, string reason)
        {
            Action = action;
            NewValue = newValue;
            Reason = reason;
        }

        public TlsChangeAction Action { get; }

        /// <summary>The DWORD to write for Created and Updated; null otherwise.</summary>
        public RegistryValue? NewValue { get; }

        public string Reason { get; }

        public bool Writes => NewValue != null;

        public static TlsRepairDecision Leave(string reason) => new TlsRepairDecision(TlsChangeAction.Unchanged, null, reason);

        public static TlsRepairDecision Skip(string reason) => new TlsRepairDecision(TlsChangeAction.Skipped, null, reason);

        public static TlsRepairDecision Write(TlsChangeAction action, uint value, string reason) => new TlsRepairDecision(action, RegistryValue.DWord(value), reason);
    }

    /// <summary>
    /// The repair, value by value: switch TLS 1.2 back on where it was switched off, never take anything away.
    /// An enabled flag that is already non-zero (0xFFFFFFFF included) stays; a mask only ever gains the TLS 1.2
    /// bit; an absent value stays absent where absent is the OS default. A value of the wrong type (REG_SZ "1")
    /// is ignored by Windows, so it is rewritten as the REG_DWORD it should have been.
    /// </summary>
    public static class TlsRepairRule
    {
        public static TlsRepairDecision Decide(TlsRegistryValue setting, RegistryValue? current, Func<bool> keyExists)
        {
            if (!setting.IsWritten)
            {
                throw new ArgumentException(setting + " is read only (policy): the repair never writes it.", nameof(setting));
            }

            if (current == null)
            {
                return DecideAbsent(setting, keyExists);
            }

            var dword = current.AsDWord;
            if (dword.HasValue)
            {
                return DecideDWord(setting, dword.Value);
            }

            // Windows reads these with RegQueryValueEx as REG_DWORD and ignores any other type: the value has no effect now.
            var wrongType = current + " has the wrong type; Windows ignores it. Rewritten as REG_DWORD.";
            if (setting.Meaning != TlsValueMeaning.ProtocolMask)
            {
                return TlsRepairDecision.Write(TlsChangeAction.Updated, setting.RepairValue, wrongType);
            }

            // A mask written as text still says which protocols the admin meant: keep them all and add TLS 1.2.
            return TryReadNumber(current, out var mask)
                ? TlsRepairDecision.Write(TlsChangeAction.Updated, mask | setting.RepairValue, wrongType + " Kept " + TlsRegistryLocations.DescribeMask(mask) + " and added TLS 1.2.")
                : TlsRepairDecision.Skip(current + " has the wrong type and is not a number: which protocols it meant is unknown, so it is left alone. Delete it (OS default) or set a REG_DWORD mask.");
        }

        private static TlsRepairDecision DecideAbsent(TlsRegistryValue setting, Func<bool> keyExists)
        {
            if (setting.WhenAbsent == TlsAbsentValue.LeaveAbsent)
            {
                return TlsRepairDecision.Leave("Absent: the OS default, which has TLS 1.2 on" + (setting.Meaning == TlsValueMeaning.ProtocolMask ? " (creating a mask could only take protocols away, TLS 1.3 included)." : "."));
            }

            // A .NET version key exists where that Framework is installed (in that view). Writing under a key
            // nothing reads would only leave debris that a restore cannot take away: the journal restores values.
            return keyExists()
                ? TlsRepairDecision.Write(TlsChangeAction.Created, setting.RepairValue, "Absent: Microsoft recommends setting it so .NET Framework apps use the OS TLS defaults (TLS 1.2 and later).")
                : TlsRepairDecision.Skip("The key does not exist: this .NET Framework version is not installed in this view. Run again after installing it.");
        }

        private static TlsRepairDecision DecideDWord(TlsRegistryValue setting, uint value)
        {
            switch (setting.Meaning)
            {
                case TlsValueMeaning.EnabledFlag:
                    return value != 0
                        ? TlsRepairDecision.Leave(Hex(value) + " enables TLS 1.2 (any non-zero value does).")
                        : TlsRepairDecision.Write(TlsChangeAction.Updated, setting.RepairValue, "0 turns TLS 1.2 off.");
                case TlsValueMeaning.DisabledByDefaultFlag:
                    return value == 0
                        ? TlsRepairDecision.Leave("0: TLS 1.2 is on by default.")
                        : TlsRepairDecision.Write(TlsChangeAction.Updated, setting.RepairValue, Hex(value) + " keeps TLS 1.2 off unless an app asks for it.");
                case TlsValueMeaning.OptInFlag:
                    return value == setting.RepairValue
                        ? TlsRepairDecision.Leave("1: on.")
                        : TlsRepairDecision.Write(TlsChangeAction.Updated, setting.RepairValue, Hex(value) + " is not 1: .NET Framework apps do not use the OS TLS defaults.");
                default:
                    return (value & setting.RepairValue) != 0
                        ? TlsRepairDecision.Leave(Hex(value) + " includes TLS 1.2 (" + TlsRegistryLocations.DescribeMask(value) + ").")
                        : TlsRepairDecision.Write(TlsChangeAction.Updated, value | setting.RepairValue, Hex(value) + " (" + TlsRegistryLocations.DescribeMask(value) + ") lacks TLS 1.2; added it and kept every other bit.");
            }
        }

        /// <summary>Reads "2688", "0xA80" or a QWORD that fits a DWORD.</summary>
        private static bool TryReadNumber(RegistryValue value, out uint number)
        {
            number = 0;
            if (value.Kind == RegistryValueKind.QWord)
            {
                var wide = (ulong)value.Data;
                number = (uint)wide;
                return wide <= uint.MaxValue;
            }

            var text = value.AsString?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return false;
            }

            return text!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)
                : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }

        private static string Hex(uint value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);
    }
}
