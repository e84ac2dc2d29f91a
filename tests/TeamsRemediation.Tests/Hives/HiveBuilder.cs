using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace TeamsRemediation.Tests.Hives
{
    /// <summary>
    /// Writes a hive cell by cell, for the shapes hivex never writes ("ri" and "li" subkey lists, "db" big data) and for damaged
    /// hives. Offsets are from the first bin, as in the format; the base block's checksum is computed unless a test breaks it.
    /// </summary>
    internal sealed class HiveBuilder
    {
        private const int BinHeader = 32;
        private readonly List<byte> bins = new List<byte>(new byte[BinHeader]);

        public int Cell(byte[] data)
        {
            var offset = bins.Count;
            var size = (4 + data.Length + 7) & ~7;
            bins.AddRange(BitConverter.GetBytes(-size));
            bins.AddRange(data);
            bins.AddRange(new byte[size - 4 - data.Length]);
            return offset;
        }

        /// <summary>A key node with an ASCII-compressed name.</summary>
        public int Key(string name, int subkeyCount = 0, int subkeyList = -1, int valueCount = 0, int valueList = -1)
        {
            var data = new MemoryStream();
            var w = new BinaryWriter(data);
            w.Write(Encoding.ASCII.GetBytes("nk"));
            w.Write((ushort)0x20);
            w.Write(0L);
            w.Write(0);
            w.Write(-1);
            w.Write(subkeyCount);
            w.Write(0);
            w.Write(subkeyList);
            w.Write(-1);
            w.Write(valueCount);
            w.Write(valueList);
            w.Write(-1);
            w.Write(-1);
            w.Write(new byte[20]);
            w.Write((ushort)name.Length);
            w.Write((ushort)0);
            w.Write(Encoding.ASCII.GetBytes(name));
            return Cell(data.ToArray());
        }

        /// <summary>"lf"/"lh" (offset and hash per entry) or "li"/"ri" (offset only).</summary>
        public int List(string signature, params int[] entries)
        {
            var data = new MemoryStream();
            var w = new BinaryWriter(data);
            w.Write(Encoding.ASCII.GetBytes(signature));
            w.Write((ushort)entries.Length);
            foreach (var entry in entries)
            {
                w.Write(entry);
                if (signature == "lf" || signature == "lh")
                {
                    w.Write(0);
                }
            }

            return Cell(data.ToArray());
        }

        public int Offsets(params int[] entries)
        {
            var data = new byte[entries.Length * 4];
            for (var i = 0; i < entries.Length; i++)
            {
                BitConverter.GetBytes(entries[i]).CopyTo(data, i * 4);
            }

            return Cell(data);
        }

        /// <summary>A value: inline up to 4 bytes, one cell up to 16344, "db" segments of 16344 bytes above that.</summary>
        public int Value(string name, int type, byte[] data)
        {
            int sizeField, dataField;
            if (data.Length <= 4)
            {
                sizeField = unchecked((int)0x80000000) | data.Length;
                var inline = new byte[4];
                data.CopyTo(inline, 0);
                dataField = BitConverter.ToInt32(inline, 0);
            }
            else if (data.Length <= 16344)
            {
                sizeField = data.Length;
                dataField = Cell(data);
            }
            else
            {
                sizeField = data.Length;
                var segments = new List<int>();
                for (var at = 0; at < data.Length; at += 16344)
                {
                    var segment = new byte[Math.Min(16344, data.Length - at)];
                    Array.Copy(data, at, segment, 0, segment.Length);
                    segments.Add(Cell(segment));
                }

                var list = Offsets(segments.ToArray());
                var header = new byte[8];
                Encoding.ASCII.GetBytes("db").CopyTo(header, 0);
                BitConverter.GetBytes((ushort)segments.Count).CopyTo(header, 2);
                BitConverter.GetBytes(list).CopyTo(header, 4);
                dataField = Cell(header);
            }

            var cell = new MemoryStream();
            var w = new BinaryWriter(cell);
            w.Write(Encoding.ASCII.GetBytes("vk"));
            w.Write((ushort)name.Length);
            w.Write(sizeField);
            w.Write(dataField);
            w.Write(type);
            w.Write((ushort)1);
            w.Write((ushort)0);
            w.Write(Encoding.ASCII.GetBytes(name));
            return Cell(cell.ToArray());
        }

        /// <summary>The base block, then one bin (rounded up to 4096 bytes, the rest one free cell).</summary>
        public byte[] Build(int root)
        {
            var binSize = (bins.Count + 8 + 4095) / 4096 * 4096;
            var bin = new byte[binSize];
            bins.CopyTo(bin);
            Encoding.ASCII.GetBytes("hbin").CopyTo(bin, 0);
            BitConverter.GetBytes(binSize).CopyTo(bin, 8);
            BitConverter.GetBytes(binSize - bins.Count).CopyTo(bin, bins.Count);

            var hive = new byte[4096 + binSize];
            Encoding.ASCII.GetBytes("regf").CopyTo(hive, 0);
            BitConverter.GetBytes(1).CopyTo(hive, 4);
            BitConverter.GetBytes(1).CopyTo(hive, 8);
            BitConverter.GetBytes(1).CopyTo(hive, 20);
            BitConverter.GetBytes(5).CopyTo(hive, 24);
            BitConverter.GetBytes(1).CopyTo(hive, 32);
            BitConverter.GetBytes(root).CopyTo(hive, 36);
            BitConverter.GetBytes(binSize).CopyTo(hive, 40);
            BitConverter.GetBytes(1).CopyTo(hive, 44);
            bin.CopyTo(hive, 4096);
            return WithChecksum(hive);
        }

        /// <summary>The documented checksum: XOR of the first 127 dwords, 0xFFFFFFFF written as 0xFFFFFFFE and 0 as 1.</summary>
        public static byte[] WithChecksum(byte[] hive)
        {
            uint sum = 0;
            for (var at = 0; at < 508; at += 4)
            {
                sum ^= BitConverter.ToUInt32(hive, at);
            }

            sum = sum == 0xFFFFFFFF ? 0xFFFFFFFE : sum == 0 ? 1 : sum;
            BitConverter.GetBytes(sum).CopyTo(hive, 508);
            return hive;
        }
    }
}
