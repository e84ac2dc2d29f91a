using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace TeamsRemediation.Tests.Diagnostics
{
    /// <summary>
    /// What real logs and events are full of and what must never read as an error code: GUIDs in every spelling,
    /// hashes, hex runs, hyphen-joined hex, base64 — and the codes that must still be found among them.
    /// </summary>
    internal static class NoiseGenerators
    {
        private const string Hex = "0123456789abcdefABCDEF";
        private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        private static readonly string[] GuidFormats = { "D", "N", "B", "P" };

        private static readonly string[] Words =
        {
            "info", "--", "error", "warn", "Correlation", "requestId:", "x-ms-request-id=", "TokenProvider:", "acquireToken",
            "session", "{", "}", "(", ")", "=", ":", ",", "\"id\":", "user", "tenant", "http://localhost/", "0x", "#",
        };

        /// <summary>Known and facility-classified codes, written the ways logs write them.</summary>
        public static readonly string[] RealCodes =
        {
            "CAA20002", "CAA20003", "CAA20004", "CAA2000B", "CAA2000C", "CAA70004", "CAA82EE7", "CAA50021", "CAA5001C",
        };

        public static Gen<string> HexRun(int min, int max) =>
            Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(Hex.ToCharArray()), n)).Select(c => new string(c));

        /// <summary>A GUID whose first group starts like a code about half the time (caa2f00d-..., CAA20002-...).</summary>
        public static Gen<string> Guid() =>
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255), 16)
            from codeLike in Gen.Elements(true, false)
            from upper in Gen.Elements(true, false)
            from format in Gen.Elements(GuidFormats)
            let raw = new System.Guid(bytes.Select(b => (byte)b).ToArray()).ToString("D")
            let shaped = codeLike ? "caa" + raw.Substring(3) : raw
            let formatted = new System.Guid(shaped).ToString(format)
            select upper ? formatted.ToUpperInvariant() : formatted;

        /// <summary>A hex run longer than a code (9 characters at least), or a code-like run glued into one: hashes, thumbprints, ids.</summary>
        public static Gen<string> LongHex() =>
            from prefix in HexRun(0, 24)
            from middle in Gen.Elements("caa20002", "CAA2F00D", "caa", "80090016", string.Empty)
            from suffix in HexRun(9, 40)
            from zeroX in Gen.Elements(string.Empty, "0x")
            select zeroX + prefix + middle + suffix;

        /// <summary>Hex groups joined by hyphens where one group is code-shaped: never a code.</summary>
        public static Gen<string> HyphenatedHex() =>
            from left in HexRun(1, 12)
            from right in HexRun(1, 12)
            from code in Gen.Elements(RealCodes)
            from side in Gen.Choose(0, 2)
            select side == 0 ? code + "-" + right : side == 1 ? left + "-" + code : left + "-" + code + "-" + right;

        public static Gen<string> Base64Blob() =>
            Gen.Choose(8, 120).SelectMany(n => Gen.ArrayOf(Gen.Elements(Base64.ToCharArray()),
                n)).Select(c => new string(c) + "QAADSTS50076Q" + new string(c));

        /// <summary>One line of noise: words, GUIDs, hashes, hex runs and identifiers with codes inside.</summary>
        public static Gen<string> NoiseLine() =>
            Gen.ListOf(Gen.OneOf(Gen.Elements(Words), Guid(), LongHex(), HyphenatedHex(), Base64Blob()))
                .Select(parts => string.Join(" ", parts));

        /// <summary>A code written as a code: alone, with 0x, in parentheses, after "error ", uppercase or lowercase.</summary>
        public static Gen<(string Written, string Code)> StandingCode() =>
            from code in Gen.Elements(RealCodes.Concat(new[] { "AADSTS50076", "AADSTS700082", "AADSTS53003" }).ToArray())
            from shape in Gen.Choose(0, 4)
            let isCaa = code.StartsWith("CAA", StringComparison.Ordinal)
            let written = shape == 0 ? code : shape == 1 && isCaa ? "0x" + code.ToLowerInvariant() : shape == 2 ? "(" + code
                + ")" : shape == 3 ? "error " + code + ":" : code + ","
            select (written, code);
    }
}
