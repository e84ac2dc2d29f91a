#!/usr/bin/env python3
"""Writes the smallest registry hive hivex accepts: a base block, one 4 KiB hive bin, a root key and its security cell.

hivexsh cannot create a hive from nothing; make-hives.sh starts from this file and adds keys and values with `hivexsh -w`.
Layout as documented for the "regf" format: base block of 4096 bytes, then hive bins whose cells are addressed by their
offset from the first bin. Usage: empty-hive.py OUTPUT
"""
import struct
import sys

BIN_SIZE = 4096
ROOT_OFFSET = 0x20          # the first cell, right after the hbin header
SK_OFFSET = 0x78            # the root key's security cell, right after the root key's 88-byte cell


def cell(data):
    """An allocated cell: negative size (header included), padded to 8 bytes."""
    size = (4 + len(data) + 7) & ~7
    return struct.pack('<i', -size) + data + b'\0' * (size - 4 - len(data))


def root_key():
    name = b'ROOT'
    body = b'nk' + struct.pack('<H', 0x2C)            # KEY_HIVE_ENTRY | KEY_NO_DELETE | KEY_COMP_NAME
    body += struct.pack('<Q', 0)                       # last written
    body += struct.pack('<I', 0)                       # access bits
    body += struct.pack('<I', 0xFFFFFFFF)              # parent: none
    body += struct.pack('<II', 0, 0)                   # subkeys, volatile subkeys
    body += struct.pack('<II', 0xFFFFFFFF, 0xFFFFFFFF) # their lists
    body += struct.pack('<II', 0, 0xFFFFFFFF)          # values, value list
    body += struct.pack('<I', SK_OFFSET)               # security
    body += struct.pack('<I', 0xFFFFFFFF)              # class name
    body += struct.pack('<IIIII', 0, 0, 0, 0, 0)       # largest names/data, work var
    body += struct.pack('<HH', len(name), 0) + name
    return cell(body)


def security():
    # Self-relative descriptor, revision 1, SE_SELF_RELATIVE, no owner/group/DACL/SACL.
    descriptor = struct.pack('<BBHIIII', 1, 0, 0x8000, 0, 0, 0, 0)
    body = b'sk' + struct.pack('<H', 0) + struct.pack('<III', SK_OFFSET, SK_OFFSET, 1)
    body += struct.pack('<I', len(descriptor)) + descriptor
    return cell(body)


def main(path):
    hbin = bytearray(b'hbin' + struct.pack('<III', 0, BIN_SIZE, 0) + b'\0' * 16)
    assert len(hbin) == ROOT_OFFSET
    hbin += root_key()
    assert len(hbin) == SK_OFFSET
    hbin += security()
    free = BIN_SIZE - len(hbin)
    hbin += struct.pack('<i', free) + b'\0' * (free - 4)      # the rest of the bin is one free cell

    base = bytearray(4096)
    base[0:4] = b'regf'
    struct.pack_into('<II', base, 4, 1, 1)                    # primary and secondary sequence numbers: equal (clean)
    struct.pack_into('<IIIII', base, 20, 1, 3, 0, 1, ROOT_OFFSET)  # major 1, minor 3, primary file, direct memory load, root
    struct.pack_into('<II', base, 40, BIN_SIZE, 1)            # hive bins data size, clustering factor
    checksum = 0
    for (word,) in struct.iter_unpack('<I', bytes(base[0:508])):
        checksum ^= word
    checksum = 0xFFFFFFFE if checksum == 0xFFFFFFFF else (1 if checksum == 0 else checksum)
    struct.pack_into('<I', base, 508, checksum)

    with open(path, 'wb') as output:
        output.write(bytes(base) + bytes(hbin))


if __name__ == '__main__':
    main(sys.argv[1])
