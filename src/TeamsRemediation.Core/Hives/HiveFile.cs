using System;
using System.Collections.Generic;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Hives
{
    /// <summary>
    /// A read-only parser of the registry hive file format ("regf") on bytes in memory, for a logged-off user's NTUSER.DAT:
    /// the file is the user's, so every byte is hostile input. Every offset and length is checked against the bins, lists are
    /// walked with a depth and a visited-cell limit, and no exception other than <see cref="HiveNotReadableException"/> escapes.
    /// Layout as documented for the format: a 4096-byte base block, then hive bins ("hbin") of cells addressed by their offset from
    /// the first bin; a cell starts with its size, negative while allocated. A hive whose two sequence numbers differ has changes
    /// in its .LOG1/.LOG2 that Windows applies at the next load: it is refused, never read half-updated, and the logs are not replayed.
    /// </summary>
    public sealed class HiveFile
    {
        private const int BaseBlockSize = 4096;
        private const int ChecksumOffset = 508;
        private const int NoCell = -1;

        // "ri" lists hold lists, never another "ri" in hives Windows writes; two levels are allowed, more is a loop or garbage.
        private const int MaxIndexDepth = 2;

        // A key has at most 512 levels and 2^24 subkeys; a list walk that visits more cells than this is not a real hive.
        private const int MaxVisitedCells = 1 << 20;

        // Value data is stored in cells of at most 16344 bytes ("db" big data above that); a value claims at most 1 MiB of data
        // here, far more than any User Shell Folders or Environment value, so a forged size cannot make the parser allocate much.
        private const int MaxValueDataLength = 1 << 20;
        private const int BigDataSegmentLength = 16344;

        private const ushort CompressedKeyName = 0x0020;
        private const ushort CompressedValueName = 0x0001;

        private readonly byte[] bytes;
        private readonly int binsLength;
        private readonly int rootCell;

        private HiveFile(byte[] bytes, int binsLength, int rootCell)
        {
            this.bytes = bytes;
            this.binsLength = binsLength;
            this.rootCell = rootCell;
        }

        /// <summary>Checks the base block (signature, checksum, sequence numbers, sizes) and the root key.</summary>
        /// <exception cref="HiveNotReadableException">The bytes are not a complete, clean hive.</exception>
        public static HiveFile Parse(byte[] bytes)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            if (bytes.Length < BaseBlockSize + 32 || Encoding.ASCII.GetString(bytes, 0, 4) != "regf")
            {
                throw new HiveNotReadableException("it is not a registry hive (no \"regf\" base block).");
            }

            if (Checksum(bytes) != BitConverter.ToUInt32(bytes, ChecksumOffset))
            {
                throw new HiveNotReadableException("the checksum of its base block is wrong (the file is damaged).");
            }

            if (BitConverter.ToUInt32(bytes, 4) != BitConverter.ToUInt32(bytes, 8))
            {
                throw new HiveNotReadableException("the hive has changes not yet written; Windows applies its logs on the next logon.");
            }

            var binsLength = BitConverter.ToUInt32(bytes, 40);
            if (binsLength == 0 || binsLength % 4096 != 0 || binsLength > (uint)(bytes.Length - BaseBlockSize))
            {
                throw new HiveNotReadableException("its hive bins size (" + binsLength + " bytes) does not fit the file of " + bytes.Length
                    + " bytes.");
            }

            if (Encoding.ASCII.GetString(bytes, BaseBlockSize, 4) != "hbin")
            {
                throw new HiveNotReadableException("its first hive bin has no \"hbin\" signature.");
            }

            var hive = new HiveFile(bytes, (int)binsLength, unchecked((int)BitConverter.ToUInt32(bytes, 36)));
            hive.KeyNode(hive.rootCell);
            return hive;
        }

        /// <summary>
        /// The values of the key at <paramref name="relativeKey"/> below the root ("A\B\C"; names compared case-insensitively, as
        /// Windows does), decoded as the registry adapter decodes them; empty when the key does not exist.
        /// </summary>
        /// <exception cref="HiveNotReadableException">The key's cells are damaged.</exception>
        public IReadOnlyDictionary<string, RegistryValue> ReadValues(string relativeKey)
        {
            var key = FindKey(relativeKey);
            var values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
            if (key == NoCell)
            {
                return values;
            }

            var node = KeyNode(key);
            var count = node.Int(36);
            var list = node.Int(40);
            if (count == 0)
            {
                return values;
            }

            var offsets = Cell(list, "value list");
            if (count < 0 || (long)count * 4 > offsets.Length)
            {
                throw Damaged("a value list of " + count + " entries does not fit its cell");
            }

            for (var index = 0; index < count; index++)
            {
                var value = Cell(offsets.Int(index * 4), "value");
                if (!value.HasSignature("vk"))
                {
                    throw Damaged("a value list names a cell that is not a value");
                }

                var name = Name(value, 20, value.UShort(2), (value.UShort(16) & CompressedValueName) != 0);
                values[name] = RegistryValueDecoder.Decode(value.Int(12), Data(value), DataLength(value));
            }

            return values;
        }

        /// <summary>The cell of the key at the path, or <see cref="NoCell"/> when a part of it does not exist.</summary>
        private int FindKey(string relativeKey)
        {
            var key = rootCell;
            foreach (var part in (relativeKey ?? string.Empty).Split(new[] { '\\' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var node = KeyNode(key);
                var subkeys = node.Int(20);
                if (subkeys == 0)
                {
                    return NoCell;
                }

                var found = NoCell;
                var visited = new HashSet<int>();
                Walk(node.Int(28), part, 0, visited, ref found);
                if (found == NoCell)
                {
                    return NoCell;
                }

                key = found;
            }

            return key;
        }

        /// <summary>Looks for the subkey named <paramref name="name"/> in an "lf", "lh", "li" or "ri" list.</summary>
        private void Walk(int listOffset, string name, int depth, HashSet<int> visited, ref int found)
        {
            if (!visited.Add(listOffset) || visited.Count > MaxVisitedCells)
            {
                throw Damaged("a subkey list is reached twice (a loop)");
            }

            var list = Cell(listOffset, "subkey list");
            var count = list.UShort(2);
            var signature = list.Signature();
            var stride = signature == "lf" || signature == "lh" ? 8 : signature == "li" || signature == "ri" ? 4 : 0;
            if (stride == 0)
            {
                throw Damaged("a subkey list has the unknown signature \"" + signature + "\"");
            }

            if (4 + (long)count * stride > list.Length)
            {
                throw Damaged("a subkey list of " + count + " entries does not fit its cell");
            }

            for (var index = 0; index < count && found == NoCell; index++)
            {
                var entry = list.Int(4 + index * stride);
                if (signature == "ri")
                {
                    if (depth >= MaxIndexDepth)
                    {
                        throw Damaged("index lists are nested too deep");
                    }

                    Walk(entry, name, depth + 1, visited, ref found);
                    continue;
                }

                if (!visited.Add(entry) || visited.Count > MaxVisitedCells)
                {
                    throw Damaged("a key is listed twice (a loop)");
                }

                var child = KeyNode(entry);
                if (string.Equals(Name(child, 76, child.UShort(72), (child.UShort(2) & CompressedKeyName) != 0), name,
                    StringComparison.OrdinalIgnoreCase))
                {
                    found = entry;
                }
            }
        }

        private CellView KeyNode(int offset)
        {
            var node = Cell(offset, "key");
            if (!node.HasSignature("nk") || node.Length < 76)
            {
                throw Damaged("a key's cell is not a key node");
            }

            return node;
        }

        /// <summary>A compressed name is one byte per character (Latin-1, as Windows stores names whose characters all fit); else UTF-16LE.</summary>
        private static string Name(CellView cell, int at, int length, bool compressed)
        {
            cell.Require(at, length);
            return compressed ? Latin1(cell, at, length) : Encoding.Unicode.GetString(cell.Bytes, cell.Start + at, length & ~1);
        }

        private static string Latin1(CellView cell, int at, int length)
        {
            var characters = new char[length];
            for (var index = 0; index < length; index++)
            {
                characters[index] = (char)cell.Bytes[cell.Start + at + index];
            }

            return new string(characters);
        }

        /// <summary>The data length without the "inline" flag: the high bit of the size says the data sits in the offset field itself.</summary>
        private static int DataLength(CellView value)
        {
            var raw = value.UInt(4);
            var length = raw & 0x7FFFFFFFu;
            if ((raw & 0x80000000u) != 0 && length > 4)
            {
                throw Damaged("a value claims " + length + " bytes of inline data (at most 4 fit)");
            }

            if (length > MaxValueDataLength)
            {
                throw Damaged("a value claims " + length + " bytes of data");
            }

            return (int)length;
        }

        private byte[] Data(CellView value)
        {
            var length = DataLength(value);
            var data = new byte[Math.Max(length, 1)];
            if ((value.UInt(4) & 0x80000000u) != 0)
            {
                Array.Copy(value.Bytes, value.Start + 8, data, 0, length);
                return data;
            }

            if (length == 0)
            {
                return data;
            }

            var cell = Cell(value.Int(8), "value data");
            if (length > BigDataSegmentLength && cell.HasSignature("db"))
            {
                return BigData(cell, data, length);
            }

            if (length > cell.Length)
            {
                throw Damaged("a value's data of " + length + " bytes does not fit its cell of " + cell.Length);
            }

            Array.Copy(cell.Bytes, cell.Start, data, 0, length);
            return data;
        }

        /// <summary>"db": a count of segments and a list of their cells, each holding up to 16344 bytes of the data in order.</summary>
        private byte[] BigData(CellView header, byte[] data, int length)
        {
            var segments = header.UShort(2);
            var list = Cell(header.Int(4), "big data segment list");
            if ((long)segments * 4 > list.Length || (long)segments * BigDataSegmentLength < length)
            {
                throw Damaged("a big value's " + segments + " segments cannot hold its " + length + " bytes");
            }

            var copied = 0;
            for (var index = 0; index < segments && copied < length; index++)
            {
                var segment = Cell(list.Int(index * 4), "big data segment");
                var chunk = Math.Min(Math.Min(BigDataSegmentLength, segment.Length), length - copied);
                Array.Copy(segment.Bytes, segment.Start, data, copied, chunk);
                copied += chunk;
            }

            if (copied < length)
            {
                throw Damaged("a big value's segments hold less than its " + length + " bytes");
            }

            return data;
        }

        /// <summary>The allocated cell at an offset from the first bin, its data bounded by its size and the bins.</summary>
        private CellView Cell(int offset, string what)
        {
            if (offset < 32 || offset % 8 != 0 || offset > binsLength - 8)
            {
                throw Damaged("a " + what + " cell offset (" + offset + ") is outside the hive bins");
            }

            var start = BaseBlockSize + offset;
            var size = BitConverter.ToInt32(bytes, start);
            if (size >= 0)
            {
                throw Damaged("a " + what + " cell is free, not allocated");
            }

            var length = -(long)size;
            if (length < 8 || offset + length > binsLength)
            {
                throw Damaged("a " + what + " cell of " + length + " bytes runs past the hive bins");
            }

            return new CellView(bytes, start + 4, (int)length - 4);
        }

        private static uint Checksum(byte[] bytes)
        {
            uint sum = 0;
            for (var at = 0; at < ChecksumOffset; at += 4)
            {
                sum ^= BitConverter.ToUInt32(bytes, at);
            }

            return sum == 0xFFFFFFFF ? 0xFFFFFFFE : sum == 0 ? 1 : sum;
        }

        private static HiveNotReadableException Damaged(string what) => new HiveNotReadableException("the file is damaged: " + what + ".");

        /// <summary>The data of one cell; every read is checked against the cell's own length.</summary>
        private readonly struct CellView
        {
            public CellView(byte[] bytes, int start, int length)
            {
                Bytes = bytes;
                Start = start;
                Length = length;
            }

            public byte[] Bytes { get; }

            public int Start { get; }

            public int Length { get; }

            public void Require(int at, int count)
            {
                if (at < 0 || count < 0 || (long)at + count > Length)
                {
                    throw Damaged("a field runs past the end of its cell");
                }
            }

            public int Int(int at) => unchecked((int)UInt(at));

            public uint UInt(int at)
            {
                Require(at, 4);
                return BitConverter.ToUInt32(Bytes, Start + at);
            }

            public ushort UShort(int at)
            {
                Require(at, 2);
                return BitConverter.ToUInt16(Bytes, Start + at);
            }

            public string Signature()
            {
                Require(0, 2);
                return new string(new[] { (char)Bytes[Start], (char)Bytes[Start + 1] });
            }

            public bool HasSignature(string signature) => Length >= 2 && Signature() == signature;
        }
    }
}
