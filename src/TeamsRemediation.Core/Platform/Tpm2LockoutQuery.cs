using System;
using System.Collections.Generic;
using System.Globalization;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The one TPM 2.0 command this module sends, TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES, TPM_PT_PERMANENT, 17), and the reading of
    /// its answer (TPM 2.0 Library, Part 2 "Structures" and Part 3 "Commands"; all integers big-endian). It asks for the variable
    /// properties TPM_PT_PERMANENT (0x200) to TPM_PT_LOCKOUT_INTERVAL (0x210). The answer comes from a device driver and is untrusted:
    /// any length, tag, size, response code, capability or count that does not fit the command is "unreadable", never a lockout.
    /// </summary>
    public static class Tpm2LockoutQuery
    {
        public const ushort NoSessions = 0x8001;
        public const uint GetCapability = 0x0000017A;
        public const uint TpmProperties = 0x00000006;
        public const uint Permanent = 0x00000200;
        public const uint LockoutCounter = 0x0000020E;
        public const uint MaxAuthFail = 0x0000020F;
        public const uint LockoutInterval = 0x00000210;

        /// <summary>TPMA_PERMANENT bit 9: the TPM is in dictionary-attack lockout.</summary>
        public const uint InLockoutBit = 0x00000200;

        /// <summary>Large enough for any answer to this command (TPM2 answers fit in 4 KiB).</summary>
        public const int MaximumResponse = 4096;

        private const uint PropertyCount = LockoutInterval - Permanent + 1;
        private const int HeaderLength = 10;

        /// <summary>The command bytes: tag, size, command code, capability, first property, property count.</summary>
        public static byte[] Command()
        {
            var command = new List<byte>();
            Put16(command, NoSessions);
            Put32(command, 22);
            Put32(command, GetCapability);
            Put32(command, TpmProperties);
            Put32(command, Permanent);
            Put32(command, PropertyCount);
            return command.ToArray();
        }

        /// <summary>The state in an answer of <paramref name="length"/> bytes; unreadable (with the reason) when it is not a valid answer.</summary>
        public static TpmLockoutState Parse(byte[] response, int length)
        {
            if (response == null || length < HeaderLength || length > response.Length)
            {
                return TpmLockoutState.Unreadable("the TPM's answer is " + (response == null ? "missing" : length + " bytes") + ", too short.");
            }

            var tag = Get16(response, 0);
            var size = Get32(response, 2);
            var code = Get32(response, 6);
            if (size != length)
            {
                return TpmLockoutState.Unreadable("the TPM's answer says it is " + size + " bytes but is " + length + ".");
            }

            if (code != 0)
            {
                return TpmLockoutState.Unreadable("the TPM refused TPM2_GetCapability with response code 0x"
                    + code.ToString("X8", CultureInfo.InvariantCulture) + ".");
            }

            // moreData (1), capability (4), count (4), then count tagged properties of 8 bytes each.
            if (tag != NoSessions || length < HeaderLength + 9)
            {
                return TpmLockoutState.Unreadable("the TPM's answer is not a TPM2_GetCapability answer (tag 0x"
                    + tag.ToString("X4", CultureInfo.InvariantCulture) + ", " + length + " bytes).");
            }

            var capability = Get32(response, HeaderLength + 1);
            var count = Get32(response, HeaderLength + 5);
            if (capability != TpmProperties || count > PropertyCount || length != HeaderLength + 9 + count * 8)
            {
                return TpmLockoutState.Unreadable("the TPM's answer does not hold the properties asked for (capability " + capability
                    + ", " + count + " properties in " + length + " bytes).");
            }

            var values = new Dictionary<uint, uint>();
            for (var i = 0; i < count; i++)
            {
                var at = HeaderLength + 9 + i * 8;
                var property = Get32(response, at);
                if (property < Permanent || property > LockoutInterval || values.ContainsKey(property))
                {
                    return TpmLockoutState.Unreadable("the TPM's answer names property 0x" + property.ToString("X", CultureInfo.InvariantCulture)
                        + ", which was not asked for or came twice.");
                }

                values[property] = Get32(response, at + 4);
            }

            if (!values.TryGetValue(Permanent, out var permanent) || !values.TryGetValue(LockoutCounter, out var failed))
            {
                return TpmLockoutState.Unreadable("the TPM's answer lacks TPM_PT_PERMANENT or TPM_PT_LOCKOUT_COUNTER.");
            }

            values.TryGetValue(MaxAuthFail, out var max);
            uint? interval = values.TryGetValue(LockoutInterval, out var heal) ? heal : (uint?)null;
            return TpmLockoutState.Answered((permanent & InLockoutBit) != 0, failed, max, interval);
        }

        /// <summary>A valid answer with these values, as a TPM gives it: for the simulated TPM and for tests.</summary>
        public static byte[] Answer(uint permanent, uint failedTries, uint maxTries, uint healSeconds)
        {
            var properties = new SortedDictionary<uint, uint>();
            for (var p = Permanent; p <= LockoutInterval; p++)
            {
                properties[p] = 0;
            }

            properties[Permanent] = permanent;
            properties[LockoutCounter] = failedTries;
            properties[MaxAuthFail] = maxTries;
            properties[LockoutInterval] = healSeconds;
            var answer = new List<byte>();
            Put16(answer, NoSessions);
            Put32(answer, (uint)(HeaderLength + 9 + properties.Count * 8));
            Put32(answer, 0);
            answer.Add(0);
            Put32(answer, TpmProperties);
            Put32(answer, (uint)properties.Count);
            foreach (var property in properties)
            {
                Put32(answer, property.Key);
                Put32(answer, property.Value);
            }

            return answer.ToArray();
        }

        private static void Put16(List<byte> bytes, ushort value)
        {
            bytes.Add((byte)(value >> 8));
            bytes.Add((byte)value);
        }

        private static void Put32(List<byte> bytes, uint value)
        {
            bytes.Add((byte)(value >> 24));
            bytes.Add((byte)(value >> 16));
            bytes.Add((byte)(value >> 8));
            bytes.Add((byte)value);
        }

        private static ushort Get16(byte[] bytes, int at) => (ushort)(bytes[at] << 8 | bytes[at + 1]);

        private static uint Get32(byte[] bytes, int at) =>
            (uint)bytes[at] << 24 | (uint)bytes[at + 1] << 16 | (uint)bytes[at + 2] << 8 | bytes[at + 3];
    }
}
