using System;
using System.Text;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Raw registry value data (type and bytes, as RegQueryValueExW or a hive file's value cell hold them) as a typed value: one
    /// decoder for the live registry and for a hive file read offline, so both give the same answer for the same bytes.
    /// </summary>
    public static class RegistryValueDecoder
    {
        // Value types from winnt.h.
        private const int RegSz = 1;
        private const int RegExpandSz = 2;
        private const int RegDword = 4;
        private const int RegMultiSz = 7;
        private const int RegQword = 11;

        /// <summary>Turns raw value data into a typed value. Strings need not end with NUL: Windows stores what the writer gave it.</summary>
        public static RegistryValue Decode(int type, byte[] data, int length)
        {
            switch (type)
            {
                case RegDword when length == 4:
                    return RegistryValue.DWord(BitConverter.ToUInt32(data, 0));
                case RegQword when length == 8:
                    return RegistryValue.QWord(BitConverter.ToUInt64(data, 0));
                case RegSz:
                    return RegistryValue.String(FirstString(data, length));
                case RegExpandSz:
                    return RegistryValue.ExpandString(FirstString(data, length));
                case RegMultiSz:
                    return RegistryValue.MultiString(Strings(data, length));
                default:
                    // REG_NONE, REG_LINK, resource lists and a DWORD or QWORD of the wrong size: shown as their bytes,
                    // so a report states what is stored instead of guessing a number.
                    var bytes = new byte[length];
                    Array.Copy(data, bytes, length);
                    return RegistryValue.Binary(bytes);
            }
        }

        private static string FirstString(byte[] data, int length)
        {
            // An odd trailing byte is not part of any UTF-16 character; Windows itself ignores it.
            var text = Encoding.Unicode.GetString(data, 0, length & ~1);
            var end = text.IndexOf('\0');
            return end < 0 ? text : text.Substring(0, end);
        }

        private static string[] Strings(byte[] data, int length)
        {
            var text = Encoding.Unicode.GetString(data, 0, length & ~1);

            // Drop the list terminator (one or two NULs, or none when the writer left it out); an empty string in
            // the middle of the list is data and stays.
            if (text.EndsWith("\0\0", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 2);
            }
            else if (text.EndsWith("\0", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 1);
            }

            return text.Length == 0 ? new string[0] : text.Split('\0');
        }
    }
}
