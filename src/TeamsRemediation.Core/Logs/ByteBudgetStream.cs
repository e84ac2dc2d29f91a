using System;
using System.IO;

namespace TeamsRemediation.Logs
{
    /// <summary>
    /// Reads an inner stream until a shared byte budget is spent, then reports the end. Whatever an archive entry
    /// declares about its size, decompression stops at the budget: a zip bomb costs at most that much work.
    /// </summary>
    internal sealed class ByteBudgetStream : Stream
    {
        private readonly Stream inner;
        private readonly ByteBudget budget;

        public ByteBudgetStream(Stream inner, ByteBudget budget)
        {
            this.inner = inner;
            this.budget = budget;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var allowed = (int)Math.Min(count, budget.Remaining);
            if (allowed == 0)
            {
                // Spent: one byte more tells a cut entry from one that ended exactly at the budget.
                if (count > 0 && inner.Read(new byte[1], 0, 1) > 0)
                {
                    budget.Exceeded = true;
                }

                return 0;
            }

            var read = inner.Read(buffer, offset, allowed);
            budget.Remaining -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Bytes still allowed across every entry of one archive, and whether something was cut.</summary>
    internal sealed class ByteBudget
    {
        public ByteBudget(long bytes)
        {
            Remaining = bytes;
        }

        public long Remaining { get; set; }

        public bool Exceeded { get; set; }
    }
}
